using System.Diagnostics.Metrics;

namespace Cchc.Observability;

/// <summary>
/// Histogram buckets for the exposition: the instrument's own advice where it gives one, else one fit for what the
/// instrument measures here (a durable commit takes milliseconds, a grain call microseconds, a group commit carries 1
/// to 64 writes), else one by unit.
/// </summary>
public static class MetricBuckets
{
    /// <summary>Buckets by instrument name, in the instrument's own unit.</summary>
    public static readonly IReadOnlyDictionary<string, double[]> ByInstrument = new Dictionary<string, double[]>(StringComparer.Ordinal)
    {
        ["cchc.storage.operation.duration"] = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
        ["cchc.grain.call.duration"] = [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
        ["cchc.storage.commit.batch_size"] = [1, 2, 4, 8, 16, 32, 64],
    };

    /// <summary>Seconds-valued histograms with neither advice nor an entry in <see cref="ByInstrument"/>.</summary>
    public static readonly double[] Seconds = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Byte-valued histograms: powers of four from 64 B to 256 MiB.</summary>
    public static readonly double[] Bytes = [.. Enumerable.Range(0, 12).Select(i => 64 * Math.Pow(4, i))];

    /// <summary>Histograms of counts (batch sizes, items) with no better advice.</summary>
    public static readonly double[] Counts = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    public static double[] For(Instrument instrument)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        if (ByInstrument.TryGetValue(instrument.Name, out var named))
        {
            return named;
        }

        if (Advice(instrument) is { Count: > 0 } advised)
        {
            return [.. advised];
        }

        return instrument.Unit switch
        {
            "s" => Seconds,
            "ms" => [.. Seconds.Select(s => s * 1000)],
            "By" => Bytes,
            _ => Counts,
        };
    }

    private static IReadOnlyList<double>? Advice(Instrument instrument) => instrument switch
    {
        Histogram<double> h => h.Advice?.HistogramBucketBoundaries,
        Histogram<long> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        Histogram<int> h => h.Advice?.HistogramBucketBoundaries?.Select(b => (double)b).ToList(),
        _ => null,
    };
}
