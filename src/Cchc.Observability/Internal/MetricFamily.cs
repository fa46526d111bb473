using System.Collections.Concurrent;
using System.Text;

namespace Cchc.Observability.Internal;

/// <summary>
/// All series of one exported metric name, from every instrument that maps to it (two runtimes, two storages).
/// A measurement finds its series by its tags as given, without allocating; a tag set seen for the first time
/// is rendered once and shares the series of any other order of the same tags.
/// </summary>
internal abstract class MetricFamily<TSeries> : IMetricFamily
    where TSeries : MetricSeries
{
    private const string OverflowLabels = "otel_metric_overflow=\"true\"";

    private readonly ConcurrentDictionary<KeyValuePair<string, object?>[], TSeries> _byTags = new(TagSetComparer.Instance);
    private readonly ConcurrentDictionary<KeyValuePair<string, object?>[], TSeries>.AlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>> _lookup;
    private readonly Dictionary<string, TSeries> _byLabels = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly int _maxSeries;
    private TSeries? _overflow;

    protected MetricFamily(string name, string help, PrometheusMetricType type, int maxSeries)
    {
        Name = name;
        Help = help;
        Type = type;
        _maxSeries = maxSeries;
        _lookup = _byTags.GetAlternateLookup<ReadOnlySpan<KeyValuePair<string, object?>>>();
    }

    public string Name { get; }

    public string Help { get; }

    public PrometheusMetricType Type { get; }

    public abstract bool IsObservable { get; }

    public abstract void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags);

    public void Write(StringBuilder output, long generation)
    {
        List<TSeries> series;
        lock (_gate)
        {
            series = [.. _byLabels.Values];
            if (_overflow is not null)
            {
                series.Add(_overflow);
            }
        }

        series.RemoveAll(s => !IsCurrent(s, generation));
        if (series.Count == 0)
        {
            return;
        }

        series.Sort((a, b) => string.CompareOrdinal(a.Labels, b.Labels));
        var typeName = Type switch
        {
            PrometheusMetricType.Counter => "counter",
            PrometheusMetricType.Gauge => "gauge",
            _ => "histogram",
        };
        output.Append("# HELP ").Append(Name).Append(' ').Append(PrometheusText.EscapeHelp(Help)).Append('\n');
        output.Append("# TYPE ").Append(Name).Append(' ').Append(typeName).Append('\n');
        foreach (var one in series)
        {
            WriteSeries(output, one);
        }
    }

    protected abstract TSeries CreateSeries(string labels);

    protected abstract void WriteSeries(StringBuilder output, TSeries series);

    /// <summary>Whether a series belongs in the scrape of <paramref name="generation"/>; observable ones only when just observed.</summary>
    protected virtual bool IsCurrent(TSeries series, long generation) => true;

    protected TSeries Series(ReadOnlySpan<KeyValuePair<string, object?>> tags) =>
        _lookup.TryGetValue(tags, out var series) ? series : AddSeries(tags);

    protected static void AppendName(StringBuilder output, string name, string suffix, string labels, string? extraLabel = null)
    {
        output.Append(name).Append(suffix);
        if (labels.Length > 0 || extraLabel is not null)
        {
            output.Append('{').Append(labels);
            if (extraLabel is not null)
            {
                if (labels.Length > 0)
                {
                    output.Append(',');
                }

                output.Append(extraLabel);
            }

            output.Append('}');
        }

        output.Append(' ');
    }

    private TSeries AddSeries(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var labels = PrometheusText.Labels(tags);
        lock (_gate)
        {
            if (!_byLabels.TryGetValue(labels, out var series))
            {
                if (_byLabels.Count >= _maxSeries)
                {
                    // Past the cap, new tag sets share one series rather than growing memory without bound.
                    return _overflow ??= CreateSeries(OverflowLabels);
                }

                series = CreateSeries(labels);
                _byLabels.Add(labels, series);
            }

            _byTags.TryAdd(tags.ToArray(), series);
            return series;
        }
    }
}
