using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Observability.Tests;

/// <summary>The monitor's timing on a fake clock: when it pings, what the health check then reports, and that pings never pile up.</summary>
public sealed class StorageHealthMonitorTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));

    private StorageHealthMonitorOptions Options => new()
    {
        Interval = TimeSpan.FromSeconds(5),
        Timeout = TimeSpan.FromSeconds(28), // off the 5 s grid, so no tick falls due with it
        TimeProvider = _clock,
        ProviderName = "postgresql",
    };

    [Fact]
    public async Task Every_service_follows_the_ping_at_each_interval_and_each_change_is_logged_once()
    {
        var answers = new Queue<bool>([true, true, false, false, true]);
        var pings = 0;
        var logger = new ListLogger();
        await using var monitor = new StorageHealthMonitor(_ =>
        {
            pings++;
            return Task.FromResult(answers.Dequeue());
        }, Options, logger);

        monitor.Start();
        await monitor.CurrentCheck;
        Assert.Equal(1, pings);
        Assert.Equal(HealthStatus.Healthy, await CheckAsync(monitor));

        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(1, pings);

        var seen = new List<HealthStatus>();
        for (var tick = 0; tick < 4; tick++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            await monitor.CurrentCheck;
            seen.Add(await CheckAsync(monitor));
        }

        Assert.Equal(5, pings);
        Assert.Equal([HealthStatus.Healthy, HealthStatus.Unhealthy, HealthStatus.Unhealthy, HealthStatus.Healthy], seen);

        // Reachable at the first ping is what start-up expects; only the changes after it are logged.
        Assert.Equal(["StorageUnreachable", "StorageReachable"], logger.Entries.Select(e => e.Event));
        Assert.Equal("Storage postgresql is unreachable; grpc.health.v1 answers NOT_SERVING until it is back.", logger.Entries[0].Message);
    }

    [Fact]
    public async Task A_slow_ping_is_not_overlapped_and_one_past_the_timeout_reports_not_serving()
    {
        var first = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pings = 0;
        await using var monitor = new StorageHealthMonitor(async token =>
        {
            pings++;
            if (pings == 1)
            {
                return await first.Task;
            }

            // The second ping hangs until the monitor gives up on it.
            await Task.Delay(Timeout.InfiniteTimeSpan, token);
            return true;
        }, Options);

        monitor.Start();
        _clock.Advance(TimeSpan.FromSeconds(12));
        Assert.Equal(1, pings);
        Assert.Null(monitor.IsHealthy);

        first.SetResult(true);
        await monitor.CurrentCheck;
        Assert.True(monitor.IsHealthy);

        _clock.Advance(TimeSpan.FromSeconds(3)); // the tick at 15 s starts the second ping
        Assert.Equal(2, pings);
        _clock.Advance(TimeSpan.FromSeconds(27));
        Assert.Equal(2, pings);
        Assert.Equal(HealthStatus.Healthy, await CheckAsync(monitor));

        _clock.Advance(TimeSpan.FromSeconds(1)); // 28 s after it started
        await monitor.CurrentCheck;
        Assert.False(monitor.IsHealthy);
        Assert.Equal(HealthStatus.Unhealthy, await CheckAsync(monitor));
    }

    [Fact]
    public async Task A_ping_that_throws_is_an_unreachable_storage()
    {
        await using var monitor = new StorageHealthMonitor(
            _ => throw new InvalidOperationException("connection refused"), Options);

        monitor.Start();
        await monitor.CurrentCheck;

        Assert.False(monitor.IsHealthy);
        Assert.Equal(HealthStatus.Unhealthy, await CheckAsync(monitor));
    }

    [Fact]
    public void A_monitor_needs_a_positive_interval_and_timeout()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new StorageHealthMonitor(_ => Task.FromResult(true), Options with { Interval = TimeSpan.Zero }));
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new StorageHealthMonitor(_ => Task.FromResult(true), Options with { Timeout = TimeSpan.Zero }));
    }

    private static async Task<HealthStatus> CheckAsync(StorageHealthMonitor monitor) =>
        (await new StorageHealthCheck(monitor).CheckHealthAsync(new HealthCheckContext())).Status;
}
