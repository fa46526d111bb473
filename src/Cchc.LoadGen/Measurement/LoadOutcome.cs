namespace Cchc.LoadGen.Measurement;

/// <summary>What a load phase measured: completed calls, failed calls (and the first failure), latencies and wall time.</summary>
internal sealed record LoadOutcome(long Operations, long Errors, string? FirstError, LatencyHistogram Latency, TimeSpan Elapsed);
