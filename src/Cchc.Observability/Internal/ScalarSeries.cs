namespace Cchc.Observability.Internal;

/// <summary>A series holding one number: a counter's or up-down counter's running sum, or a gauge's value.</summary>
internal sealed class ScalarSeries(string labels) : MetricSeries(labels)
{
    private double _value;

    /// <summary>The scrape that last observed this series (observable instruments only).</summary>
    public long Generation { get; set; }

    public double Value => Volatile.Read(ref _value);

    public void Add(double delta) => PrometheusText.AddAtomic(ref _value, delta);

    public void Set(double value) => Volatile.Write(ref _value, value);
}
