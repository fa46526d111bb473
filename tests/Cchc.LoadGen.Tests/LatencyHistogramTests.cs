using Cchc.LoadGen.Measurement;

namespace Cchc.LoadGen.Tests;

public sealed class LatencyHistogramTests
{
    [Fact]
    public void Values_below_1024_are_exact()
    {
        var histogram = new LatencyHistogram();
        for (var v = 1; v <= 1000; v++)
        {
            histogram.Record(v);
        }

        Assert.Equal(500, histogram.ValueAtPercentile(50));
        Assert.Equal(990, histogram.ValueAtPercentile(99));
        Assert.Equal(999, histogram.ValueAtPercentile(99.9));
        Assert.Equal(1000, histogram.ValueAtPercentile(100));
        Assert.Equal(1, histogram.Min);
        Assert.Equal(1000, histogram.Max);
        Assert.Equal(500.5, histogram.Mean);
    }

    [Fact]
    public void Large_values_are_reported_within_two_tenths_of_a_percent_and_never_below()
    {
        var histogram = new LatencyHistogram();
        for (long v = 1; v <= 1_000_000; v++)
        {
            histogram.Record(v * 1000);
        }

        foreach (var (p, exact) in new[] { (50.0, 500_000_000L), (90.0, 900_000_000L), (99.0, 990_000_000L), (99.9, 999_000_000L) })
        {
            var reported = histogram.ValueAtPercentile(p);
            Assert.InRange(reported, exact, exact + (exact / 512));
        }

        Assert.Equal(1_000_000_000, histogram.ValueAtPercentile(100));
    }

    [Fact]
    public void Every_value_lies_in_its_bucket_and_buckets_are_narrow()
    {
        var random = new Random(42);
        for (var i = 0; i < 100_000; i++)
        {
            var value = (long)Math.Pow(2, random.NextDouble() * 41);
            var bucket = LatencyHistogram.BucketOf(value);
            var low = LatencyHistogram.LowestInBucket(bucket);
            var high = LatencyHistogram.HighestInBucket(bucket);
            Assert.InRange(value, low, high);
            Assert.True(high - low + 1 <= Math.Max(1, low / 512), $"bucket {bucket} [{low}, {high}] is wider than 1/512 of {low}");
            if (bucket > 0)
            {
                Assert.Equal(low - 1, LatencyHistogram.HighestInBucket(bucket - 1));
            }
        }
    }

    [Fact]
    public void A_skewed_distribution_reports_its_tail()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 9_990; i++)
        {
            histogram.Record(1_000_000);
        }

        for (var i = 0; i < 10; i++)
        {
            histogram.Record(250_000_000);
        }

        Assert.InRange(histogram.ValueAtPercentile(99), 1_000_000, 1_002_000);
        Assert.InRange(histogram.ValueAtPercentile(99.95), 250_000_000, 250_500_000);
        Assert.Equal(250_000_000, histogram.Max);
    }

    [Fact]
    public void Adding_histograms_equals_recording_everything_in_one()
    {
        var random = new Random(7);
        var (a, b, all) = (new LatencyHistogram(), new LatencyHistogram(), new LatencyHistogram());
        for (var i = 0; i < 50_000; i++)
        {
            var value = random.NextInt64(0, 5_000_000_000);
            (i % 3 == 0 ? a : b).Record(value);
            all.Record(value);
        }

        a.Add(b);
        Assert.Equal(all.Count, a.Count);
        Assert.Equal(all.Min, a.Min);
        Assert.Equal(all.Max, a.Max);
        foreach (var p in new[] { 0.0, 10, 50, 90, 99, 99.9, 100 })
        {
            Assert.Equal(all.ValueAtPercentile(p), a.ValueAtPercentile(p));
        }
    }

    [Fact]
    public void Values_beyond_the_tracked_range_keep_an_exact_maximum()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(LatencyHistogram.HighestTrackable * 4);
        histogram.Record(10);
        Assert.Equal(LatencyHistogram.HighestTrackable * 4, histogram.Max);
        Assert.Equal(LatencyHistogram.HighestTrackable * 4, histogram.ValueAtPercentile(100));
        Assert.Equal(10, histogram.ValueAtPercentile(50));
    }

    [Fact]
    public void An_empty_histogram_reports_zero_and_bad_input_is_refused()
    {
        var histogram = new LatencyHistogram();
        Assert.Equal(0, histogram.ValueAtPercentile(99));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.Record(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => histogram.ValueAtPercentile(100.5));
    }

    [Fact]
    public async Task A_shared_histogram_keeps_every_value_recorded_from_many_threads()
    {
        var shared = new SharedHistogram();
        await Task.WhenAll(Enumerable.Range(0, 8).Select(t => Task.Run(() =>
        {
            for (var i = 1; i <= 10_000; i++)
            {
                shared.Record(i);
            }
        })));
        var all = shared.Snapshot();
        Assert.Equal(80_000, all.Count);
        Assert.Equal(10_000, all.Max);
        Assert.InRange(all.ValueAtPercentile(50), 5_000, 5_010);
    }
}
