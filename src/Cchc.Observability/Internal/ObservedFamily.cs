using System.Text;

namespace Cchc.Observability.Internal;

/// <summary>
/// Observable counters, up-down counters and gauges: their callbacks run at each scrape, on the scraping thread
/// under the exporter's scrape lock. A series shows only if this scrape observed it; two instruments observing
/// the same series (two runtimes) add up.
/// </summary>
internal sealed class ObservedFamily(string name, string help, PrometheusMetricType type, int maxSeries)
    : MetricFamily<ScalarSeries>(name, help, type, maxSeries)
{
    private long _generation;

    public override bool IsObservable => true;

    /// <summary>Starts a scrape: measurements from now on belong to <paramref name="generation"/>.</summary>
    public void BeginObservation(long generation) => _generation = generation;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var series = Series(tags);
        if (series.Generation != _generation)
        {
            series.Generation = _generation;
            series.Set(value);
        }
        else
        {
            series.Add(value);
        }
    }

    protected override bool IsCurrent(ScalarSeries series, long generation) => series.Generation == generation;

    protected override ScalarSeries CreateSeries(string labels) => new(labels);

    protected override void WriteSeries(StringBuilder output, ScalarSeries series)
    {
        AppendName(output, Name, "", series.Labels);
        output.Append(PrometheusText.Number(series.Value)).Append('\n');
    }
}
