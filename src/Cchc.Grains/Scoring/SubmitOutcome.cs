namespace Cchc.Grains.Scoring;

/// <summary>The answer to a batch: what was stored and the commune's index after it.</summary>
public sealed record SubmitOutcome(int AcceptedCount, decimal? Index, bool Provisional, long Version, bool Replayed = false);
