namespace Cchc.LoadGen.Measurement;

/// <summary>
/// A histogram many threads record into at once: a few lock-striped <see cref="LatencyHistogram"/>s, picked by
/// thread, merged on <see cref="Snapshot"/>. A thousand watchers share one instead of holding one each.
/// </summary>
internal sealed class SharedHistogram
{
    private readonly LatencyHistogram[] _stripes;

    public SharedHistogram(int stripes = 8)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stripes, 1);
        _stripes = [.. Enumerable.Range(0, stripes).Select(_ => new LatencyHistogram())];
    }

    public void Record(long value)
    {
        var stripe = _stripes[Environment.CurrentManagedThreadId % _stripes.Length];
        lock (stripe)
        {
            stripe.Record(value);
        }
    }

    public LatencyHistogram Snapshot()
    {
        var all = new LatencyHistogram();
        foreach (var stripe in _stripes)
        {
            lock (stripe)
            {
                all.Add(stripe);
            }
        }

        return all;
    }
}
