namespace Cchc.Grains.Maintenance;

/// <summary>What one pruning pass did: records deleted, and whether older ones are left for the next pass.</summary>
/// <param name="Deleted">Idempotency records deleted.</param>
/// <param name="RecordedBefore">The cut-off: records made before it were deleted (now minus the retention).</param>
/// <param name="MoreLeft">True when the pass stopped at its batch limit with older records still stored.</param>
[GenerateSerializer, Immutable]
[Alias("cchc.PruneResult")]
public sealed record PruneResult(int Deleted, DateTimeOffset RecordedBefore, bool MoreLeft);
