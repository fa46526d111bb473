using System.Globalization;
using System.Text;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// What one measured scenario did: how many calls (and items) in how long, their latency histogram, failures,
/// and extra figures (CPU seconds per process, memory, batch sizes). Printed as one <c>RESULT</c> line of
/// key=value pairs that scripts and the smoke test parse, and as a row of the human table.
/// </summary>
internal sealed record ScenarioResult(
    string Name,
    string Storage,
    long Operations,
    long Items,
    TimeSpan Elapsed,
    LatencyHistogram Latency,
    long Errors,
    string RateUnit,
    Target? Target = null)
{
    public const string Prefix = "RESULT";

    public IReadOnlyList<KeyValuePair<string, string>> Extras { get; init; } = [];

    /// <summary>Items per second when items were counted, else operations per second.</summary>
    public double Rate => Elapsed <= TimeSpan.Zero ? 0 : (Items > 0 ? Items : Operations) / Elapsed.TotalSeconds;

    public string FormatLine()
    {
        var line = new StringBuilder(Prefix);
        Append(line, "name", Name);
        Append(line, "storage", Storage);
        Append(line, "ops", Operations.ToString(CultureInfo.InvariantCulture));
        Append(line, "items", Items.ToString(CultureInfo.InvariantCulture));
        Append(line, "seconds", Elapsed.TotalSeconds.ToString("0.000", CultureInfo.InvariantCulture));
        Append(line, "rate", Rate.ToString("0.0", CultureInfo.InvariantCulture));
        Append(line, "rate_unit", RateUnit);
        Append(line, "p50_ms", Ms(Latency.ValueAtPercentile(50)));
        Append(line, "p90_ms", Ms(Latency.ValueAtPercentile(90)));
        Append(line, "p99_ms", Ms(Latency.ValueAtPercentile(99)));
        Append(line, "p999_ms", Ms(Latency.ValueAtPercentile(99.9)));
        Append(line, "max_ms", Ms(Latency.Max));
        Append(line, "mean_ms", Ms((long)Latency.Mean));
        Append(line, "errors", Errors.ToString(CultureInfo.InvariantCulture));
        if (Target is { } target)
        {
            Append(line, "target", target.Describe());
            Append(line, "met", target.IsMet(this) ? "yes" : "no");
        }

        foreach (var (key, value) in Extras)
        {
            Append(line, key, value);
        }

        return line.ToString();
    }

    public static string Ms(long nanoseconds) => (nanoseconds / 1e6).ToString("0.000", CultureInfo.InvariantCulture);

    private static void Append(StringBuilder line, string key, string value) =>
        line.Append(' ').Append(key).Append('=').Append(value.Contains(' ', StringComparison.Ordinal) ? value.Replace(' ', '_') : value);
}
