using System.Globalization;

namespace Cchc.LoadGen.Measurement;

/// <summary>A target from the issue: a minimum rate, or a maximum latency at a percentile (in milliseconds).</summary>
internal sealed record Target(double? MinRate = null, double? Percentile = null, double? MaxMs = null, string? ExtraKey = null, double? ExtraMax = null)
{
    /// <summary>An extra figure of the result (e.g. rss_mb) at most <paramref name="maximum"/>.</summary>
    public static Target AtMost(string extraKey, double maximum) => new(ExtraKey: extraKey, ExtraMax: maximum);

    public static Target Rate(double minimum) => new(MinRate: minimum);

    public static Target Latency(double percentile, double maxMs) => new(Percentile: percentile, MaxMs: maxMs);

    public string Describe()
    {
        var parts = new List<string>();
        if (MinRate is { } rate)
        {
            parts.Add(">=" + rate.ToString("0", CultureInfo.InvariantCulture) + "/s");
        }

        if (Percentile is { } p && MaxMs is { } ms)
        {
            parts.Add("p" + p.ToString("0.#", CultureInfo.InvariantCulture) + "<" + ms.ToString("0.#", CultureInfo.InvariantCulture) + "ms");
        }

        if (ExtraKey is { } key && ExtraMax is { } max)
        {
            parts.Add(key + "<=" + max.ToString("0.##", CultureInfo.InvariantCulture));
        }

        return string.Join(",", parts);
    }

    public bool IsMet(ScenarioResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var met = result.Errors == 0;
        if (MinRate is { } rate)
        {
            met &= result.Rate >= rate;
        }

        if (Percentile is { } p && MaxMs is { } ms)
        {
            met &= result.Latency.ValueAtPercentile(p) / 1e6 < ms;
        }

        if (ExtraKey is { } key && ExtraMax is { } max)
        {
            var value = result.Extras.FirstOrDefault(e => e.Key == key).Value;
            met &= value is not null && double.Parse(value, CultureInfo.InvariantCulture) <= max;
        }

        return met;
    }
}
