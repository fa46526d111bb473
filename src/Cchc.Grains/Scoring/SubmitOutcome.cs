namespace Cchc.Grains.Scoring;

/// <summary>The answer to a batch: what was stored and the commune's index after it; <see cref="Replayed"/> for a resent key.</summary>
[GenerateSerializer, Immutable, Alias("cchc.SubmitOutcome")]
public sealed record SubmitOutcome(int AcceptedCount, decimal? Index, bool Provisional, long Version, bool Replayed = false);
