using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class TimerTests
{
    [Fact]
    public async Task A_tick_waits_for_the_running_call_and_runs_as_its_own_turn()
    {
        await using var test = await TestRuntime.StartAsync();
        var ticker = test.Runtime.GetGrain<ITickerGrain>("t");
        await ticker.StartTimerAsync(TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10), failFirstTick: false);
        var blocked = ticker.BlockAsync();
        await test.Probe.Entered.Task;

        test.Clock.Advance(TimeSpan.FromSeconds(10)); // the tick falls due while the call runs

        Assert.False(blocked.IsCompleted);
        test.Probe.Gate.SetResult();
        await blocked;
        Assert.Equal(["call start", "call end", "tick 1"], await ticker.GetLogAsync());

        test.Clock.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(["call start", "call end", "tick 1", "tick 2"], await ticker.GetLogAsync());
        Assert.Equal(1, await ticker.GetMaxConcurrencyAsync());
    }

    [Fact]
    public async Task A_failing_tick_is_logged_and_the_timer_goes_on_until_disposed()
    {
        await using var test = await TestRuntime.StartAsync();
        var ticker = test.Runtime.GetGrain<ITickerGrain>("f");
        await ticker.StartTimerAsync(TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(5), failFirstTick: true);

        test.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["tick 1"], await ticker.GetLogAsync());
        test.Clock.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(["tick 1", "tick 2"], await ticker.GetLogAsync());

        var logged = Assert.Single(test.Logs.Entries, e => e.EventId == 2);
        Assert.Equal("first tick fails", logged.Exception?.Message);
        Assert.Contains("ticker/f", logged.Message, StringComparison.Ordinal);

        await ticker.StopTimerAsync();
        test.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(["tick 1", "tick 2"], await ticker.GetLogAsync());
    }

    [Fact]
    public async Task Ticks_do_not_keep_a_grain_alive_and_stop_with_its_deactivation()
    {
        // Collection is triggered by the test only, so the pass is awaited.
        await using var test = await TestRuntime.StartAsync(options => options.CollectionQuantum = TimeSpan.FromDays(1));
        var ticker = test.Runtime.GetGrain<ITickerGrain>("idle");
        await ticker.StartTimerAsync(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(3), failFirstTick: false);

        test.Clock.Advance(TimeSpan.FromMinutes(10)); // ticks at 3, 6, 9; the collector sees no call for 10 min
        Assert.Equal(1, await test.Runtime.CollectIdleActivationsAsync());
        Assert.Equal(0, test.Runtime.ActivationCount);

        test.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, test.Runtime.ActivationCount); // no tick brought it back
        Assert.Empty(await ticker.GetLogAsync());      // a fresh activation, with no timer
    }
}
