using System.Text;

namespace Cchc.Observability.Internal;

/// <summary>Synchronous gauges: the latest measurement of each series is its value.</summary>
internal sealed class LastValueFamily(string name, string help, int maxSeries)
    : MetricFamily<ScalarSeries>(name, help, PrometheusMetricType.Gauge, maxSeries)
{
    public override bool IsObservable => false;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags) => Series(tags).Set(value);

    protected override ScalarSeries CreateSeries(string labels) => new(labels);

    protected override void WriteSeries(StringBuilder output, ScalarSeries series)
    {
        AppendName(output, Name, "", series.Labels);
        output.Append(PrometheusText.Number(series.Value)).Append('\n');
    }
}
