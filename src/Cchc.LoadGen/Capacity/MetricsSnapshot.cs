using System.Globalization;

namespace Cchc.LoadGen.Capacity;

/// <summary>
/// One scrape of the server's /metrics (Prometheus text format, as prometheus-net writes it): every sample by its
/// series ("name" or "name{labels}"), with the figures the capacity run reads named.
/// </summary>
internal sealed class MetricsSnapshot
{
    public const string ActivationsMetric = "microsoft_orleans_orleans_catalog_activations";
    private const string GrainTypeLabel = "grain_type=\"";

    private readonly Dictionary<string, double> _samples;

    private MetricsSnapshot(Dictionary<string, double> samples) => _samples = samples;

    /// <summary>The managed heap in use: GC.GetTotalMemory(false), which after a full GC is the live objects.</summary>
    public long ManagedBytes => Bytes("dotnet_total_memory_bytes");

    public long WorkingSetBytes => Bytes("process_working_set_bytes");

    public long PrivateBytes => Bytes("process_private_memory_bytes");

    /// <summary>Full (generation 2) collections since the process started.</summary>
    public long FullCollections => (long)Value("system_runtime_dotnet_gc_collections{gc_heap_generation=\"gen2\"}");

    /// <summary>Ranking updates a watcher's stream read, one per watcher.</summary>
    public long Deliveries => (long)Value("cchc_rankings_cchc_ranking_events_delivered");

    /// <summary>Ranking updates queued for watchers, one per watcher and change.</summary>
    public long EventsOffered => (long)Value("cchc_rankings_cchc_ranking_events_offered");

    /// <summary>Resync snapshots sent instead of updates a watcher's buffer could not hold.</summary>
    public long Resyncs => (long)Value("cchc_rankings_cchc_ranking_resyncs");

    /// <summary>Commune summaries that changed a live ranking.</summary>
    public long UpdatesApplied => (long)Value("cchc_rankings_cchc_ranking_updates_applied");

    /// <summary>Live watchers on this server now.</summary>
    public long Subscribers => (long)Value("cchc_rankings_cchc_ranking_subscribers");

    /// <summary>Grain activations on this silo by grain type, Orleans' own count (system targets excluded).</summary>
    public IReadOnlyDictionary<string, long> Activations()
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var (series, value) in _samples)
        {
            if (series.StartsWith(ActivationsMetric + "{", StringComparison.Ordinal))
            {
                var start = series.IndexOf(GrainTypeLabel, StringComparison.Ordinal);
                if (start < 0)
                {
                    continue;
                }

                start += GrainTypeLabel.Length;
                var type = series[start..series.IndexOf('"', start)];
                counts[type] = counts.GetValueOrDefault(type) + (long)value;
            }
        }

        return counts;
    }

    public double Value(string series) => _samples.GetValueOrDefault(series);

    /// <summary>The sum of every series of one metric name, whatever its labels.</summary>
    public double Total(string name) =>
        _samples.Where(s => s.Key == name || (s.Key.StartsWith(name, StringComparison.Ordinal) && s.Key[name.Length] == '{')).Sum(s => s.Value);

    /// <exception cref="FormatException">A sample line whose value is not a number.</exception>
    public static MetricsSnapshot Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var samples = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            // Label values may hold spaces; the value follows the closing brace (or the name) after one space.
            var end = line.LastIndexOf('}');
            var space = line.IndexOf(' ', end < 0 ? 0 : end);
            if (space < 0)
            {
                continue;
            }

            var value = line[(space + 1)..].Split(' ')[0];
            samples[line[..space]] = value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
        }

        return new MetricsSnapshot(samples);
    }

    public static async Task<MetricsSnapshot> ReadAsync(HttpClient http, Uri metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        return Parse(await http.GetStringAsync(metrics, cancellationToken));
    }

    private long Bytes(string series) => (long)Value(series);
}
