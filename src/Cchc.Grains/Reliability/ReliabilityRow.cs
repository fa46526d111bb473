namespace Cchc.Grains.Reliability;

/// <summary>One commune's self-assessment against the appraisal (see <see cref="Core.Reliability.CommuneReliability"/>).</summary>
[GenerateSerializer, Immutable, Alias("cchc.ReliabilityRow")]
public sealed record ReliabilityRow(
    string UnitCode,
    string Name,
    decimal SelfTotal,
    decimal AppraisedTotal,
    decimal Gap,
    int ItemsCompared,
    int ItemsOver,
    int ItemsUnder,
    int ItemsAwaitingAppraisal,
    int ItemsAppraisedWithoutSelf,
    string? NotComparedReason);
