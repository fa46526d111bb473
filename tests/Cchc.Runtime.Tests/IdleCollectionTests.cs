using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class IdleCollectionTests
{
    [Fact]
    public async Task An_idle_activation_writes_its_changed_state_then_goes_and_the_next_call_reloads_it()
    {
        await using var test = await TestRuntime.StartAsync(); // collection age 10 min, quantum 1 min
        var counter = test.Runtime.GetGrain<ICounterGrain>("05914/2024-Y");
        await counter.IncrementWithoutWritingAsync();
        Assert.Equal(2, await counter.IncrementWithoutWritingAsync());
        Assert.Null(test.StoredCounter("05914/2024-Y"));

        test.Clock.Advance(TimeSpan.FromMinutes(9));
        Assert.False(test.Probe.Deactivating.Task.IsCompleted);
        Assert.Equal(1, test.Runtime.ActivationCount);

        test.Clock.Advance(TimeSpan.FromMinutes(2));
        var reason = await test.Probe.Deactivating.Task;
        Assert.Equal(DeactivationReasonCode.ActivationIdle, reason.ReasonCode);

        // Whether this call lands behind the deactivation or after it, a fresh activation answers it from storage.
        Assert.Equal(2, await counter.GetAsync());
        Assert.Equal(2, test.StoredCounter("05914/2024-Y")?.Count);
        Assert.Equal(2, test.Probe.Activations);
        Assert.Equal(
            ["activate counter/05914/2024-Y count=0", "deactivate counter/05914/2024-Y ActivationIdle count=2",
             "activate counter/05914/2024-Y count=2"],
            test.Probe.Events);
        Assert.Equal(1, test.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Calls_keep_an_activation_alive()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("busy");
        for (var i = 0; i < 5; i++)
        {
            await counter.IncrementAsync();
            test.Clock.Advance(TimeSpan.FromMinutes(6));
        }

        Assert.Equal(1, test.Probe.Activations);
        Assert.False(test.Probe.Deactivating.Task.IsCompleted);
    }

    [Fact]
    public async Task Collecting_on_demand_deactivates_only_idle_activations_and_writes_nothing_unchanged()
    {
        await using var test = await TestRuntime.StartAsync(options => options.CollectionQuantum = TimeSpan.FromDays(1));
        await test.Runtime.GetGrain<ICounterGrain>("old").IncrementAsync();
        test.Clock.Advance(TimeSpan.FromMinutes(10));
        await test.Runtime.GetGrain<ICounterGrain>("new").IncrementAsync();
        var writes = test.Storage.Writes;

        Assert.Equal(1, await test.Runtime.CollectIdleActivationsAsync());

        Assert.Equal(1, test.Runtime.ActivationCount);
        Assert.Equal(writes, test.Storage.Writes); // "old" had written its state already
        Assert.Contains("deactivate counter/old ActivationIdle count=1", test.Probe.Events);
        Assert.DoesNotContain(test.Probe.Events, e => e.StartsWith("deactivate counter/new", StringComparison.Ordinal));
    }

    [Fact]
    public async Task DeactivateOnIdle_ends_the_activation_after_the_call_and_the_next_call_gets_a_fresh_one()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("leave");
        await counter.IncrementWithoutWritingAsync();
        await counter.DeactivateAsync();

        Assert.Equal(DeactivationReasonCode.ApplicationRequested, (await test.Probe.Deactivating.Task).ReasonCode);
        Assert.Equal(1, await counter.GetAsync());
        Assert.Equal(2, test.Probe.Activations);
    }

    [Fact]
    public async Task Calls_queued_behind_a_deactivation_run_in_order_on_the_next_activation()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("queue");
        await counter.IncrementWithoutWritingAsync();

        // Deactivation is asked for inside this call; the calls made right after it must neither be lost nor reordered.
        var leaving = counter.DeactivateAsync().AsTask();
        var next = Enumerable.Range(0, 20).Select(_ => counter.IncrementWithoutWritingAsync().AsTask()).ToArray();
        await leaving;

        Assert.Equal(Enumerable.Range(2, 20), await Task.WhenAll(next));
        Assert.Equal(21, await counter.GetAsync());
    }

    [Fact]
    public async Task An_idle_activation_whose_state_cannot_be_written_stays_active_and_keeps_its_state()
    {
        // Collection is triggered by the test only, so each pass is awaited.
        await using var test = await TestRuntime.StartAsync(options => options.CollectionQuantum = TimeSpan.FromDays(1));
        var counter = test.Runtime.GetGrain<ICounterGrain>("outage");
        await counter.IncrementWithoutWritingAsync();
        test.Storage.FailWritesWith = new IOException("disk unplugged");

        test.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await test.Runtime.CollectIdleActivationsAsync());
        Assert.Equal(1, await counter.GetAsync());
        Assert.Equal(1, test.Probe.Activations);
        Assert.Contains(test.Logs.Entries, e => e.Exception is IOException && e.Message.Contains("counter/outage", StringComparison.Ordinal));

        test.Storage.FailWritesWith = null;
        test.Clock.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(1, await test.Runtime.CollectIdleActivationsAsync());
        Assert.Equal(1, test.StoredCounter("outage")?.Count);
    }
}
