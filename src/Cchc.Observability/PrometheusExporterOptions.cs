namespace Cchc.Observability;

/// <summary>Which meters the exporter listens to, and the histogram buckets and limits it uses.</summary>
public sealed record PrometheusExporterOptions
{
    /// <summary>The gRPC server, grain runtime, storage and ranking meters, and the .NET runtime's own.</summary>
    public static readonly IReadOnlyList<string> DefaultMeterNames =
        ["Cchc.Grpc", "Cchc.Runtime", "Cchc.Storage", "Cchc.Rankings", "System.Runtime"];

    /// <summary>
    /// Buckets for the instruments whose own advice does not fit this workload: a storage operation is a
    /// durable commit (fsync, a few ms) or a cached read (tens of µs); a grain call is microseconds unless it
    /// waits on storage; a group commit carries 1 to 64 writes.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, IReadOnlyList<double>> DefaultHistogramBuckets =
        new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal)
        {
            ["cchc.storage.operation.duration"] =
                [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
            ["cchc.grain.call.duration"] =
                [0.00001, 0.000025, 0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30],
            ["cchc.storage.commit.batch_size"] = [1, 2, 4, 8, 16, 32, 64],
        };

    /// <summary>Seconds-valued histograms with neither advice nor an entry in <see cref="HistogramBuckets"/>.</summary>
    public static readonly IReadOnlyList<double> DefaultSecondsBuckets =
        [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

    /// <summary>Byte-valued histograms: powers of four from 64 B to 256 MiB.</summary>
    public static readonly IReadOnlyList<double> DefaultBytesBuckets =
        [.. Enumerable.Range(0, 12).Select(i => 64 * Math.Pow(4, i))];

    /// <summary>Histograms of counts (batch sizes, items) with no better advice.</summary>
    public static readonly IReadOnlyList<double> DefaultCountBuckets = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];

    /// <summary>Meter names to export; an instrument of any other meter is ignored.</summary>
    public IReadOnlyList<string> MeterNames { get; init; } = DefaultMeterNames;

    /// <summary>
    /// Bucket bounds by instrument name, in the instrument's own unit. Wins over the instrument's advice
    /// (<c>InstrumentAdvice.HistogramBucketBoundaries</c>), which wins over the defaults by unit.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<double>> HistogramBuckets { get; init; } = DefaultHistogramBuckets;

    /// <summary>
    /// Instruments created as (observable) counters whose values go down too, exported as gauges so rate() does
    /// not read each drop as a reset. By default the two .NET runtime ones of dotnet/runtime#126167.
    /// </summary>
    public IReadOnlySet<string> ExportAsGauge { get; init; } =
        new HashSet<string>(["dotnet.thread_pool.thread.count", "dotnet.thread_pool.queue.length"], StringComparer.Ordinal);

    /// <summary>Most series one metric keeps; further tag sets are counted together under <c>otel_metric_overflow="true"</c>.</summary>
    public int MaxSeriesPerMetric { get; init; } = 2000;
}
