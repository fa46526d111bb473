namespace Cchc.Observability.Internal;

/// <summary>
/// A histogram series: a count per bucket (the last one past the largest bound) and the sum. Counts are kept
/// per bucket, not cumulative, so a record touches one slot; the scrape adds them up.
/// </summary>
internal sealed class HistogramSeries(string labels, int bucketCount) : MetricSeries(labels)
{
    private readonly long[] _counts = new long[bucketCount + 1];
    private double _sum;

    public void Record(int bucket, double value)
    {
        Interlocked.Increment(ref _counts[bucket]);
        PrometheusText.AddAtomic(ref _sum, value);
    }

    /// <summary>Copies the per-bucket counts into <paramref name="counts"/> and returns the sum.</summary>
    public double Snapshot(Span<long> counts)
    {
        for (var i = 0; i < _counts.Length; i++)
        {
            counts[i] = Volatile.Read(ref _counts[i]);
        }

        return Volatile.Read(ref _sum);
    }
}
