namespace Cchc.Core.Progress;

/// <summary>
/// A scope's progress (a province, or a district up to 2024): for each stage how many communes have entered all, some
/// or none of its items; how many communes have at least one explanation pending and how many items are pending in
/// all; how many items were explained. <see cref="UnitCount"/> counts every member commune of the scope, those with
/// nothing entered too (they count as none at every stage).
/// </summary>
public sealed record ScopeProgress(
    int UnitCount,
    StageTally SelfAssessment,
    StageTally AppraisalRound1,
    StageTally AppraisalRound2,
    StageTally Survey,
    int CommunesWithPendingExplanations,
    int PendingExplanations,
    int Explained)
{
    public static ScopeProgress Empty { get; } = new(0, StageTally.Zero, StageTally.Zero, StageTally.Zero, StageTally.Zero, 0, 0, 0);

    /// <summary>The totals of these communes.</summary>
    public static ScopeProgress Of(IEnumerable<CommuneProgress> communes)
    {
        ArgumentNullException.ThrowIfNull(communes);
        return communes.Aggregate(Empty, (total, commune) => total.Add(commune));
    }

    /// <summary>These totals with one more commune.</summary>
    public ScopeProgress Add(CommuneProgress commune) => Change(commune, 1);

    /// <summary>These totals without a commune counted before (to replace its progress by its newer progress).</summary>
    public ScopeProgress Remove(CommuneProgress commune) => Change(commune, -1);

    private ScopeProgress Change(CommuneProgress commune, int sign)
    {
        ArgumentNullException.ThrowIfNull(commune);
        return new ScopeProgress(
            UnitCount + sign,
            SelfAssessment.With(commune.SelfAssessment, sign),
            AppraisalRound1.With(commune.AppraisalRound1, sign),
            AppraisalRound2.With(commune.AppraisalRound2, sign),
            Survey.With(commune.Survey, sign),
            CommunesWithPendingExplanations + (commune.ExplanationsPending > 0 ? sign : 0),
            PendingExplanations + (sign * commune.ExplanationsPending),
            Explained + (sign * commune.Explained));
    }
}
