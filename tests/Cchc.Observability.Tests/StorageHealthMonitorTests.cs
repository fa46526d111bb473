using Cchc.Grpc.Health;
using Cchc.Testing;

namespace Cchc.Observability.Tests;

/// <summary>The monitor's timing on a manual clock: when it pings, what it sets, and that pings never pile up.</summary>
public sealed class StorageHealthMonitorTests
{
    private static readonly string[] Services = ["", "cchc.v1.ScoreService"];
    private readonly ManualTimeProvider _clock = new();
    private readonly GrpcHealthService _health = new();

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
        await using var monitor = new StorageHealthMonitor(_health, Services, _ =>
        {
            pings++;
            return Task.FromResult(answers.Dequeue());
        }, Options, logger);

        monitor.Start();
        await monitor.CurrentCheck;
        Assert.Equal(1, pings);
        Assert.All(Services, s => Assert.Equal(GrpcHealthStatus.Serving, _health.GetStatus(s)));

        _clock.Advance(TimeSpan.FromSeconds(4.9));
        Assert.Equal(1, pings);

        var seen = new List<GrpcHealthStatus?>();
        for (var tick = 0; tick < 4; tick++)
        {
            _clock.Advance(TimeSpan.FromSeconds(5));
            await monitor.CurrentCheck;
            seen.Add(_health.GetStatus("cchc.v1.ScoreService"));
        }

        Assert.Equal(5, pings);
        Assert.Equal([GrpcHealthStatus.Serving, GrpcHealthStatus.NotServing, GrpcHealthStatus.NotServing, GrpcHealthStatus.Serving], seen);
        Assert.Equal(["StorageReachable", "StorageUnreachable", "StorageReachable"], logger.Entries.Select(e => e.Event));
        Assert.Equal("Storage postgresql is unreachable; 2 health services set NOT_SERVING.", logger.Entries[1].Message);
    }

    [Fact]
    public async Task A_slow_ping_is_not_overlapped_and_one_past_the_timeout_reports_not_serving()
    {
        var first = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var pings = 0;
        await using var monitor = new StorageHealthMonitor(_health, Services, async token =>
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
        Assert.Equal(GrpcHealthStatus.Serving, _health.GetStatus(""));

        _clock.Advance(TimeSpan.FromSeconds(1)); // 28 s after it started
        await monitor.CurrentCheck;
        Assert.False(monitor.IsHealthy);
        Assert.All(Services, s => Assert.Equal(GrpcHealthStatus.NotServing, _health.GetStatus(s)));
    }

    [Fact]
    public async Task A_ping_that_throws_is_an_unreachable_storage()
    {
        await using var monitor = new StorageHealthMonitor(_health, Services,
            _ => throw new InvalidOperationException("connection refused"), Options);

        monitor.Start();
        await monitor.CurrentCheck;

        Assert.False(monitor.IsHealthy);
        Assert.Equal(GrpcHealthStatus.NotServing, _health.GetStatus(""));
    }

    [Fact]
    public void A_monitor_needs_a_service_to_report_and_a_positive_interval()
    {
        var none = Assert.Throws<ArgumentException>(() =>
            new StorageHealthMonitor(_health, [], _ => Task.FromResult(true), Options));
        Assert.Contains("at least one service", none.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            new StorageHealthMonitor(_health, Services, _ => Task.FromResult(true), Options with { Interval = TimeSpan.Zero }));
    }
}
