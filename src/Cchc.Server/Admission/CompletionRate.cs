namespace Cchc.Server.Admission;

/// <summary>
/// Calls completed per second over the last second (four buckets of 250 ms on the injected clock): the rate at which
/// the server is getting through its calls now, whatever they are waiting on inside it.
/// </summary>
internal sealed class CompletionRate(TimeProvider timeProvider)
{
    private const int Buckets = 4;

    // Fewer completions than this say too little (a rate from k of them is off by about 1/√k): a server just started,
    // its first calls slow with compiling and activating, would be read as far slower than it is.
    private const int MinCompletions = 16;
    private static readonly TimeSpan BucketLength = TimeSpan.FromMilliseconds(250);

    private readonly long _origin = timeProvider.GetTimestamp();
    private readonly long[] _counts = new long[Buckets];
    private readonly long[] _epochs = new long[Buckets];
    private readonly Lock _gate = new();

    public void Add()
    {
        var epoch = Epoch();
        lock (_gate)
        {
            var i = (int)(epoch % Buckets);
            if (_epochs[i] != epoch)
            {
                _epochs[i] = epoch;
                _counts[i] = 0;
            }

            _counts[i]++;
        }
    }

    /// <summary>Completions per second over the last second, or null when too few completed in it to go by.</summary>
    public double? PerSecond()
    {
        var elapsed = timeProvider.GetElapsedTime(_origin);
        var epoch = (long)(elapsed / BucketLength);
        long sum = 0;
        lock (_gate)
        {
            for (var i = 0; i < Buckets; i++)
            {
                if (_epochs[i] > epoch - Buckets && _epochs[i] <= epoch)
                {
                    sum += _counts[i];
                }
            }
        }

        // The window: three whole buckets and the current one so far (at least a tenth of a second, so a lone early
        // completion is not read as a huge rate).
        var window = ((Buckets - 1) * BucketLength) + (elapsed - (epoch * BucketLength));
        var seconds = Math.Max(0.1, Math.Min(window.TotalSeconds, elapsed.TotalSeconds));
        return sum < MinCompletions ? null : sum / seconds;
    }

    private long Epoch() => (long)(timeProvider.GetElapsedTime(_origin) / BucketLength);
}
