using Cchc.Api.V1;
using Cchc.Core.Deadlines;
using Cchc.Grains.Deadlines;
using Cchc.Grains.Scoring;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Mapping;

/// <summary>Deadline windows and extensions between the API and the deadline grains; times go out in Vietnam time.</summary>
internal static class DeadlineMapper
{
    /// <summary>The windows as given: a stage the server does not know stays null, for the grain to report with the rest.</summary>
    public static IReadOnlyList<WindowInput> ToInputs(SetDeadlinesRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return [.. request.Windows.Select(w => new WindowInput(ToStageOrNull(w.Stage), w.OpensAt, w.ClosesAt))];
    }

    public static GetDeadlinesResponse ToApi(DeadlineSchedule schedule, CorePeriod period)
    {
        ArgumentNullException.ThrowIfNull(schedule);
        var response = new GetDeadlinesResponse
        {
            ScopeCode = schedule.ScopeCode,
            Period = PeriodMapper.ToApi(period),
            SetBy = schedule.SetBy ?? "",
            SetAt = schedule.SetAt is { } at ? VietnamTime.ToRfc3339(at) : "",
        };
        response.Windows.Add(schedule.Windows.Select(w => new Api.V1.StageWindow
        {
            Stage = ToApi(w.Stage),
            OpensAt = VietnamTime.ToRfc3339(w.OpensAt),
            ClosesAt = VietnamTime.ToRfc3339(w.ClosesAt),
        }));
        response.Extensions.Add(schedule.Extensions.Select(ToApi));
        return response;
    }

    public static Api.V1.DeadlineExtension ToApi(Grains.Deadlines.DeadlineExtension extension)
    {
        ArgumentNullException.ThrowIfNull(extension);
        return new Api.V1.DeadlineExtension
        {
            CommuneCode = extension.CommuneCode,
            CommuneName = extension.CommuneName,
            Stage = ToApi(extension.Stage),
            PreviousClosesAt = VietnamTime.ToRfc3339(extension.PreviousClosesAt),
            ClosesAt = VietnamTime.ToRfc3339(extension.ClosesAt),
            Reason = extension.Reason,
            GrantedBy = extension.GrantedBy,
            GrantedAt = VietnamTime.ToRfc3339(extension.GrantedAt),
        };
    }

    public static Stage ToApi(ScoreStage stage) => stage switch
    {
        ScoreStage.SelfAssessment => Stage.SelfAssessment,
        ScoreStage.AppraisalRound1 => Stage.AppraisalRound1,
        ScoreStage.Explanation => Stage.Explanation,
        ScoreStage.AppraisalRound2 => Stage.AppraisalRound2,
        ScoreStage.Survey => Stage.Survey,
        _ => Stage.Unspecified,
    };

    private static ScoreStage? ToStageOrNull(Stage stage) =>
        stage is >= Stage.SelfAssessment and <= Stage.Survey ? ScoreMapper.ToStage(stage) : null;
}
