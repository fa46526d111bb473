using Cchc.Core.Progress;

namespace Cchc.Grains.Ranking;

/// <summary>A scope's progress totals (the core's <see cref="ScopeProgress"/>) as they cross grains.</summary>
[GenerateSerializer, Immutable, Alias("cchc.ProgressTotals")]
public sealed record ProgressTotals(
    int UnitCount,
    StageCounts SelfAssessment,
    StageCounts AppraisalRound1,
    StageCounts AppraisalRound2,
    StageCounts Survey,
    int CommunesWithPendingExplanations,
    int PendingExplanations,
    int Explained)
{
    public static ProgressTotals From(ScopeProgress progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return new(progress.UnitCount, StageCounts.From(progress.SelfAssessment), StageCounts.From(progress.AppraisalRound1),
            StageCounts.From(progress.AppraisalRound2), StageCounts.From(progress.Survey), progress.CommunesWithPendingExplanations,
            progress.PendingExplanations, progress.Explained);
    }
}
