using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_refuses_new_calls_finishes_calls_in_flight_and_writes_every_changed_state()
    {
        await using var test = await TestRuntime.StartAsync();
        var dirty = test.Runtime.GetGrain<ICounterGrain>("dirty");
        var clean = test.Runtime.GetGrain<ICounterGrain>("clean");
        await dirty.IncrementWithoutWritingAsync();
        await dirty.IncrementWithoutWritingAsync();
        await clean.IncrementAsync();
        var writesBefore = test.Storage.Writes;
        var busy = test.Runtime.GetGrain<ISequenceGrain>("busy");
        var inFlight = busy.BlockAsync();
        await test.Probe.Entered.Task;

        var stopping = test.Runtime.StopAsync();

        var refused = await Assert.ThrowsAsync<GrainRuntimeStoppedException>(() => dirty.GetAsync());
        Assert.Contains("shutting down", refused.Message, StringComparison.Ordinal);
        Assert.Throws<GrainRuntimeStoppedException>(() => busy.InvokeOneWay(g => g.RecordAsync(1)));
        Assert.False(stopping.IsCompleted);

        test.Probe.Gate.SetResult();
        await inFlight;
        await stopping;

        Assert.Equal(2, test.StoredCounter("dirty")?.Count);
        Assert.Equal(1, test.StoredCounter("clean")?.Count);
        Assert.Equal(writesBefore + 1, test.Storage.Writes); // only the changed one was written
        Assert.Equal(0, test.Runtime.ActivationCount);
        Assert.Contains("deactivate counter/dirty ShuttingDown count=2", test.Probe.Events);
        var stopped = await Assert.ThrowsAsync<GrainRuntimeStoppedException>(() => clean.GetAsync());
        Assert.Contains("is stopped", stopped.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_made_by_grains_during_shutdown_still_go_through()
    {
        await using var test = await TestRuntime.StartAsync();
        var blocked = test.Runtime.GetGrain<ISequenceGrain>("hold").BlockAsync();
        await test.Probe.Entered.Task;
        var chain = test.Runtime.GetGrain<IPingGrain>("a").CallAsync(["b", "c"]);

        var stopping = test.Runtime.StopAsync();
        test.Probe.Gate.SetResult();

        Assert.Equal("a b c", await chain);
        await blocked;
        await stopping;
        Assert.Equal(0, test.Runtime.ActivationCount);
    }

    [Fact]
    public async Task A_state_that_cannot_be_written_at_shutdown_makes_stop_fail_naming_the_grain()
    {
        await using var test = await TestRuntime.StartAsync();
        await test.Runtime.GetGrain<ICounterGrain>("unlucky").IncrementWithoutWritingAsync();
        test.Storage.FailWritesWith = new IOException("disk full");

        var error = await Assert.ThrowsAsync<AggregateException>(() => test.Runtime.StopAsync());

        var inner = Assert.Single(error.InnerExceptions);
        Assert.Contains("counter/unlucky", inner.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(inner.InnerException);
        Assert.Equal(0, test.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Calls_before_start_are_refused()
    {
        await using var runtime = new GrainRuntimeBuilder().AddGrain<IPingGrain, PingGrain>().Build();

        var error = await Assert.ThrowsAsync<GrainRuntimeStoppedException>(() =>
            runtime.GetGrain<IPingGrain>("early").NoteAsync("hello"));
        Assert.Contains("has not been started", error.Message, StringComparison.Ordinal);
    }
}
