using Cchc.Core.Deadlines;
using Cchc.Grains.Scoring;

namespace Cchc.Grains.Deadlines;

/// <summary>The grains' stages and the core's deadline stages, one for one.</summary>
internal static class DeadlineStageMap
{
    public static DeadlineStage ToCore(ScoreStage stage) => stage switch
    {
        ScoreStage.SelfAssessment => DeadlineStage.SelfAssessment,
        ScoreStage.AppraisalRound1 => DeadlineStage.AppraisalRound1,
        ScoreStage.Explanation => DeadlineStage.Explanation,
        ScoreStage.AppraisalRound2 => DeadlineStage.AppraisalRound2,
        ScoreStage.Survey => DeadlineStage.Survey,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a stage."),
    };

    public static ScoreStage ToGrain(DeadlineStage stage) => stage switch
    {
        DeadlineStage.SelfAssessment => ScoreStage.SelfAssessment,
        DeadlineStage.AppraisalRound1 => ScoreStage.AppraisalRound1,
        DeadlineStage.Explanation => ScoreStage.Explanation,
        DeadlineStage.AppraisalRound2 => ScoreStage.AppraisalRound2,
        DeadlineStage.Survey => ScoreStage.Survey,
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Not a stage."),
    };

    public static StageWindow ToCore(DeadlineWindow window) => new(ToCore(window.Stage), window.OpensAt, window.ClosesAt);

    public static AppliedWindow ToCore(string scopeCode, CommuneWindow window) => new(scopeCode, ToCore(window.Window), window.ExtendedUntil);
}
