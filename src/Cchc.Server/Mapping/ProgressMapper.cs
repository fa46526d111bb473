using Cchc.Api.V1;
using Cchc.Grains.Ranking;
using CoreStatus = Cchc.Core.Progress.ProgressStatus;
using ProgressStatus = Cchc.Api.V1.ProgressStatus;
using ProgressTotals = Cchc.Api.V1.ProgressTotals;
using GrainTotals = Cchc.Grains.Ranking.ProgressTotals;

namespace Cchc.Server.Mapping;

/// <summary>Progress through the stages between the ranking grain's views and the API.</summary>
internal static class ProgressMapper
{
    public static GetProgressResponse ToResponse(ProgressView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var response = new GetProgressResponse { Totals = ToApi(view.Totals), Version = view.Version };
        response.Communes.Add(view.Communes.Select(ToApi));
        return response;
    }

    public static CommuneProgress ToApi(CommuneProgressRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var counts = row.Counts;
        var core = counts.ToCore();
        return new CommuneProgress
        {
            UnitCode = row.UnitCode,
            UnitName = row.Name,
            RegularItems = counts.RegularItems,
            SurveyItems = counts.SurveyItems,
            SelfAssessed = counts.SelfAssessed,
            AppraisedRound1 = counts.AppraisedRound1,
            Explained = counts.Explained,
            AppraisedRound2 = counts.AppraisedRound2,
            Surveyed = counts.Surveyed,
            ExplanationsPending = counts.ExplanationsPending,
            SelfAssessment = ToApi(core.SelfAssessment),
            AppraisalRound1 = ToApi(core.AppraisalRound1),
            AppraisalRound2 = ToApi(core.AppraisalRound2),
            Survey = ToApi(core.Survey),
        };
    }

    public static ProgressTotals ToApi(GrainTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return new ProgressTotals
        {
            UnitCount = totals.UnitCount,
            SelfAssessment = ToApi(totals.SelfAssessment),
            AppraisalRound1 = ToApi(totals.AppraisalRound1),
            AppraisalRound2 = ToApi(totals.AppraisalRound2),
            Survey = ToApi(totals.Survey),
            CommunesWithPendingExplanations = totals.CommunesWithPendingExplanations,
            PendingExplanations = totals.PendingExplanations,
            Explained = totals.Explained,
        };
    }

    private static StageProgress ToApi(StageCounts counts) =>
        new() { All = counts.All, Some = counts.Some, None = counts.None, NotApplicable = counts.NotApplicable };

    private static ProgressStatus ToApi(CoreStatus status) => status switch
    {
        CoreStatus.All => ProgressStatus.All,
        CoreStatus.Some => ProgressStatus.Some,
        CoreStatus.None => ProgressStatus.None,
        _ => ProgressStatus.NotApplicable,
    };
}
