using System.Globalization;

namespace Cchc.Cluster.Tests;

/// <summary>Latency figures as the tests print them.</summary>
internal static class Figures
{
    /// <summary>The nearest-rank percentile (0 to 100) of <paramref name="values"/>; zero when there are none.</summary>
    public static TimeSpan Percentile(IEnumerable<TimeSpan> values, double percentile)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public static string Ms(TimeSpan value) => value.TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture) + " ms";

    public static string S(TimeSpan value) => value.TotalSeconds.ToString("0.00", CultureInfo.InvariantCulture) + " s";

    /// <summary>"p50 12 ms, p99 80 ms, max 400 ms" over <paramref name="latencies"/>.</summary>
    public static string Latencies(IReadOnlyCollection<TimeSpan> latencies) =>
        $"p50 {Ms(Percentile(latencies, 50))}, p99 {Ms(Percentile(latencies, 99))}, max {Ms(latencies.Count == 0 ? TimeSpan.Zero : latencies.Max())}";

    /// <summary>"UNAVAILABLE ×12, DeadlineExceeded ×1" for the failed calls.</summary>
    public static string Outcomes(IEnumerable<WriteAttempt> attempts) =>
        string.Join(", ", attempts.Where(a => !a.Ok).GroupBy(a => a.Outcome).Select(g => $"{g.Key} ×{g.Count()}").DefaultIfEmpty("none"));
}
