using System.Numerics;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// An HDR-style log-linear histogram of non-negative integer values (here: latencies in nanoseconds). Values
/// below 2^<see cref="PrecisionBits"/> get a bucket each; above that every power of two is cut into
/// 2^(<see cref="PrecisionBits"/>−1) equal buckets, so any value is known to within 1/2^(PrecisionBits−1)
/// (0.2 %) of itself at any magnitude, in fixed memory. Percentiles report the highest value of the bucket
/// they fall in (never under-reporting, like HdrHistogram's "highest equivalent value"); min and max are exact.
/// Not thread-safe: give each worker its own and <see cref="Add"/> them.
/// </summary>
internal sealed class LatencyHistogram
{
    public const int PrecisionBits = 10;
    private const int Linear = 1 << PrecisionBits;
    private const int HalfLinear = Linear / 2;

    // Values below 2^42 ns (73 minutes) get their own bucket; larger ones share the last (max stays exact).
    private const int MaxShift = 32;

    /// <summary>The largest value with a bucket of its own.</summary>
    public const long HighestTrackable = (1L << (PrecisionBits + MaxShift)) - 1;

    private readonly long[] _counts = new long[Linear + (MaxShift * HalfLinear)];

    public long Count { get; private set; }

    public long Min { get; private set; } = long.MaxValue;

    public long Max { get; private set; }

    /// <summary>Exact sum, for the mean (which is printed next to percentiles, never alone).</summary>
    public double Sum { get; private set; }

    public double Mean => Count == 0 ? 0 : Sum / Count;

    public void Record(long value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        _counts[BucketOf(Math.Min(value, HighestTrackable))]++;
        Count++;
        Sum += value;
        Min = Math.Min(Min, value);
        Max = Math.Max(Max, value);
    }

    /// <summary>Adds every value recorded in <paramref name="other"/>.</summary>
    public void Add(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
        {
            return;
        }

        for (var i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        Sum += other.Sum;
        Min = Math.Min(Min, other.Min);
        Max = Math.Max(Max, other.Max);
    }

    /// <summary>
    /// The value at or below which <paramref name="percentile"/> % of the values lie: the upper end of the
    /// bucket holding the ⌈p·n/100⌉-th smallest value, capped at the exact maximum. 0 when empty.
    /// </summary>
    public long ValueAtPercentile(double percentile)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(percentile, 0.0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(percentile, 100.0);
        if (Count == 0)
        {
            return 0;
        }

        // Rounded first so that 99.9 % of 1000 is the 999th value, not the 1000th by a floating-point hair.
        var rank = Math.Max(1, (long)Math.Ceiling(Math.Round(percentile / 100.0 * Count, 6)));
        long seen = 0;
        for (var i = 0; i < _counts.Length; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
            {
                // The last bucket also holds every value beyond the tracked range: only the exact maximum bounds it.
                return i == _counts.Length - 1 ? Max : Math.Min(HighestInBucket(i), Max);
            }
        }

        return Max;
    }

    internal static int BucketOf(long value)
    {
        if (value < Linear)
        {
            return (int)value;
        }

        var highBit = 63 - BitOperations.LeadingZeroCount((ulong)value);
        var shift = highBit - PrecisionBits + 1;
        var sub = (int)(value >> shift);
        return Linear + ((shift - 1) * HalfLinear) + (sub - HalfLinear);
    }

    internal static long LowestInBucket(int bucket)
    {
        if (bucket < Linear)
        {
            return bucket;
        }

        var shift = ((bucket - Linear) / HalfLinear) + 1;
        var sub = ((bucket - Linear) % HalfLinear) + HalfLinear;
        return (long)sub << shift;
    }

    internal static long HighestInBucket(int bucket)
    {
        if (bucket < Linear)
        {
            return bucket;
        }

        var shift = ((bucket - Linear) / HalfLinear) + 1;
        return LowestInBucket(bucket) + (1L << shift) - 1;
    }
}
