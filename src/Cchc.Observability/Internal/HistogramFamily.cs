using System.Text;

namespace Cchc.Observability.Internal;

/// <summary>Histograms with fixed bucket bounds (upper bounds, inclusive, as Prometheus' <c>le</c> reads).</summary>
internal sealed class HistogramFamily : MetricFamily<HistogramSeries>
{
    private readonly double[] _bounds;
    private readonly string[] _leLabels;

    public HistogramFamily(string name, string help, IReadOnlyList<double> bounds, int maxSeries)
        : base(name, help, PrometheusMetricType.Histogram, maxSeries)
    {
        _bounds = [.. bounds.Where(b => !double.IsNaN(b) && !double.IsInfinity(b)).Distinct().Order()];
        _leLabels = [.. _bounds.Select(b => $"le=\"{PrometheusText.Bound(b)}\""), "le=\"+Inf\""];
    }

    public IReadOnlyList<double> Bounds => _bounds;

    public override bool IsObservable => false;

    public override void Record(double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (double.IsNaN(value))
        {
            return;
        }

        var index = Array.BinarySearch(_bounds, value);
        Series(tags).Record(index >= 0 ? index : ~index, value);
    }

    protected override HistogramSeries CreateSeries(string labels) => new(labels, _bounds.Length);

    protected override void WriteSeries(StringBuilder output, HistogramSeries series)
    {
        Span<long> counts = stackalloc long[_bounds.Length + 1];
        var sum = series.Snapshot(counts);
        long cumulative = 0;
        for (var i = 0; i < counts.Length; i++)
        {
            // The +Inf bucket and _count are the same total, taken from one snapshot so they always agree.
            cumulative += counts[i];
            AppendName(output, Name, "_bucket", series.Labels, _leLabels[i]);
            output.Append(cumulative).Append('\n');
        }

        AppendName(output, Name, "_sum", series.Labels);
        output.Append(PrometheusText.Number(sum)).Append('\n');
        AppendName(output, Name, "_count", series.Labels);
        output.Append(cumulative).Append('\n');
    }
}
