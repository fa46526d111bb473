using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace Cchc.Security.Limits;

/// <summary>
/// A token bucket per principal subject, as a System.Threading.RateLimiting <see cref="PartitionedRateLimiter{TResource}"/>
/// (the abstraction ASP.NET Core's rate-limiting middleware runs on). The buckets refill from the injected
/// <see cref="TimeProvider"/>: the built-in <see cref="TokenBucketRateLimiter"/> measures refills on the Stopwatch
/// even when replenished by hand, so it cannot be driven by a test clock. Nothing queues: a caller without a permit
/// is refused at once, with the time to wait in <see cref="MetadataName.RetryAfter"/>.
/// </summary>
public sealed class PrincipalRateLimiter : PartitionedRateLimiter<string>
{
    private static readonly TimeSpan SweepPeriod = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly TimeProvider _timeProvider;
    private readonly ITimer _sweeper;
    private int _disposed;

    public PrincipalRateLimiter(RateLimitOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.PermitsPerSecond < 1 || options.Burst < 1)
        {
            throw new SecurityConfigurationException(
                $"Auth:RateLimit needs PermitsPerSecond and Burst of at least 1 (got {options.PermitsPerSecond} and {options.Burst}).");
        }

        Options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _sweeper = _timeProvider.CreateTimer(static state => ((PrincipalRateLimiter)state!).Sweep(), this, SweepPeriod, SweepPeriod);
    }

    public RateLimitOptions Options { get; }

    /// <summary>How many principals have a bucket that was not full at the last sweep (a full bucket is the same as none).</summary>
    public int TrackedPrincipals => _buckets.Count;

    public override RateLimiterStatistics? GetStatistics(string resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        long available = Options.Burst;
        if (_buckets.TryGetValue(resource, out Bucket? bucket))
        {
            lock (bucket)
            {
                bucket.Refill(_timeProvider.GetTimestamp(), this);
                available = (long)Math.Floor(bucket.Tokens);
            }
        }

        return new RateLimiterStatistics { CurrentAvailablePermits = available };
    }

    protected override RateLimitLease AttemptAcquireCore(string resource, int permitCount)
    {
        ArgumentNullException.ThrowIfNull(resource);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, Options.Burst);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) == 1, this);
        while (true)
        {
            long now = _timeProvider.GetTimestamp();
            Bucket bucket = _buckets.GetOrAdd(resource, static (_, state) => new Bucket(state.Burst, state.Now), (Burst: (double)Options.Burst, Now: now));
            lock (bucket)
            {
                if (bucket.Dropped)
                {
                    continue;
                }

                bucket.Refill(now, this);
                double wanted = Math.Max(permitCount, 1);
                if (bucket.Tokens >= wanted)
                {
                    bucket.Tokens -= permitCount;
                    return Lease.Acquired;
                }

                return Lease.Refused(TimeSpan.FromSeconds((wanted - bucket.Tokens) / Options.PermitsPerSecond));
            }
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(string resource, int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(resource, permitCount));

    protected override void Dispose(bool disposing)
    {
        if (disposing && Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _sweeper.Dispose();
            _buckets.Clear();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        Dispose(true);
        await base.DisposeAsyncCore();
    }

    // Drops buckets that have refilled: a principal seen once must not hold memory for ever.
    private void Sweep()
    {
        long now = _timeProvider.GetTimestamp();
        foreach (KeyValuePair<string, Bucket> entry in _buckets)
        {
            lock (entry.Value)
            {
                entry.Value.Refill(now, this);
                if (entry.Value.Tokens >= Options.Burst)
                {
                    entry.Value.Dropped = true;
                    _buckets.TryRemove(entry);
                }
            }
        }
    }

    private sealed class Bucket(double tokens, long updatedAt)
    {
        public double Tokens { get; set; } = tokens;

        public bool Dropped { get; set; }

        private long UpdatedAt { get; set; } = updatedAt;

        public void Refill(long now, PrincipalRateLimiter limiter)
        {
            TimeSpan elapsed = limiter._timeProvider.GetElapsedTime(UpdatedAt, now);
            if (elapsed > TimeSpan.Zero)
            {
                Tokens = Math.Min(limiter.Options.Burst, Tokens + (elapsed.TotalSeconds * limiter.Options.PermitsPerSecond));
                UpdatedAt = now;
            }
        }
    }

    private sealed class Lease : RateLimitLease
    {
        private readonly TimeSpan? _retryAfter;

        private Lease(bool acquired, TimeSpan? retryAfter)
        {
            IsAcquired = acquired;
            _retryAfter = retryAfter;
        }

        public static Lease Acquired { get; } = new(true, null);

        public override bool IsAcquired { get; }

        public override IEnumerable<string> MetadataNames => _retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public static Lease Refused(TimeSpan retryAfter) => new(false, retryAfter);

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (_retryAfter is { } retry && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = retry;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
