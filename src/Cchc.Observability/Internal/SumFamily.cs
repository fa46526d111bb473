using System.Text;

namespace Cchc.Observability.Internal;

/// <summary>Counters and up-down counters: each measurement is a delta added to its series.</summary>
internal sealed class SumFamily(string name, string help, PrometheusMetricType type, int maxSeries)
    : MetricFamily<ScalarSeries>(name, help, type, maxSeries)
{
    public override bool IsObservable => false;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        // A counter only goes up; a negative delta is a caller's bug and would read as a reset.
        if (Type == PrometheusMetricType.Counter && value < 0)
        {
            return;
        }

        Series(tags).Add(value);
    }

    protected override ScalarSeries CreateSeries(string labels) => new(labels);

    protected override void WriteSeries(StringBuilder output, ScalarSeries series)
    {
        AppendName(output, Name, "", series.Labels);
        output.Append(PrometheusText.Number(series.Value)).Append('\n');
    }
}
