using System.Threading.RateLimiting;
using Cchc.Security.Limits;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Security.Tests;

/// <summary>The per-principal token bucket, driven by a manual clock: no sleeps.</summary>
public sealed class RateLimiterTests
{
    private readonly FakeTimeProvider _clock = TestKeys.Clock();

    [Fact]
    public void A_principal_gets_its_burst_then_is_refused_until_the_clock_refills_the_bucket()
    {
        using var limiter = new PrincipalRateLimiter(new RateLimitOptions { PermitsPerSecond = 2, Burst = 5 }, _clock);

        Assert.Equal(5, Acquired(limiter, "hdtd.tuky", 10));

        _clock.Advance(TimeSpan.FromMilliseconds(499));
        Assert.Equal(0, Acquired(limiter, "hdtd.tuky", 1));

        _clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, Acquired(limiter, "hdtd.tuky", 10));

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, Acquired(limiter, "hdtd.tuky", 10));

        _clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(5, Acquired(limiter, "hdtd.tuky", 10));
    }

    [Fact]
    public void Principals_have_buckets_of_their_own()
    {
        using var limiter = new PrincipalRateLimiter(new RateLimitOptions { PermitsPerSecond = 1, Burst = 3 }, _clock);

        Assert.Equal(3, Acquired(limiter, "a", 5));
        Assert.Equal(3, Acquired(limiter, "b", 5));
        Assert.Equal(0, Acquired(limiter, "a", 1));
    }

    [Fact]
    public void A_refused_lease_says_when_to_retry()
    {
        using var limiter = new PrincipalRateLimiter(new RateLimitOptions { PermitsPerSecond = 1, Burst = 1 }, _clock);
        using (limiter.AttemptAcquire("a"))
        {
        }

        using RateLimitLease refused = limiter.AttemptAcquire("a");

        Assert.False(refused.IsAcquired);
        Assert.True(refused.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan retry));
        Assert.Equal(TimeSpan.FromSeconds(1), retry);

        _clock.Advance(TimeSpan.FromMilliseconds(750));
        using RateLimitLease soon = limiter.AttemptAcquire("a");
        Assert.True(soon.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan rest));
        Assert.Equal(TimeSpan.FromMilliseconds(250), rest);
    }

    [Fact]
    public void Buckets_that_refill_completely_are_dropped_so_idle_principals_cost_nothing()
    {
        using var limiter = new PrincipalRateLimiter(new RateLimitOptions { PermitsPerSecond = 1, Burst = 100 }, _clock);
        Acquired(limiter, "a", 100);
        Acquired(limiter, "b", 1);
        Assert.Equal(2, limiter.TrackedPrincipals);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, limiter.TrackedPrincipals);
        Assert.Equal(60, limiter.GetStatistics("a")!.CurrentAvailablePermits);
        Assert.Equal(100, limiter.GetStatistics("b")!.CurrentAvailablePermits);

        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(0, limiter.TrackedPrincipals);
        Assert.Equal(100, Acquired(limiter, "a", 200));
    }

    [Theory]
    [InlineData(0, 10)]
    [InlineData(10, 0)]
    public void Limits_below_one_are_a_configuration_error(int permits, int burst) =>
        Assert.Throws<SecurityConfigurationException>(() => new PrincipalRateLimiter(new RateLimitOptions { PermitsPerSecond = permits, Burst = burst }, _clock));

    private static int Acquired(PrincipalRateLimiter limiter, string subject, int attempts)
    {
        int acquired = 0;
        for (int i = 0; i < attempts; i++)
        {
            using RateLimitLease lease = limiter.AttemptAcquire(subject);
            acquired += lease.IsAcquired ? 1 : 0;
        }

        return acquired;
    }
}
