using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class TurnTests
{
    [Fact]
    public async Task Calls_run_one_at_a_time_in_arrival_order()
    {
        await using var test = await TestRuntime.StartAsync();
        var grain = test.Runtime.GetGrain<ISequenceGrain>("order");

        // The first call holds the activation, so all the others queue up behind it in the order they were made.
        var blocked = grain.BlockAsync();
        await test.Probe.Entered.Task;
        var calls = Enumerable.Range(0, 50).Select(grain.RecordAsync).ToArray();
        Assert.All(calls, call => Assert.False(call.IsCompleted));

        test.Probe.Gate.SetResult();
        await blocked;
        await Task.WhenAll(calls);

        Assert.Equal(Enumerable.Range(0, 50), await grain.GetOrderAsync());
        Assert.Equal(1, await grain.GetMaxConcurrencyAsync());
    }

    [Fact]
    public async Task Concurrent_callers_on_many_threads_never_overlap_in_one_activation()
    {
        await using var test = await TestRuntime.StartAsync();
        var grain = test.Runtime.GetGrain<ISequenceGrain>("threads");

        var callers = Enumerable.Range(0, 8).Select(caller => Task.Run(async () =>
        {
            for (var i = 0; i < 200; i++)
            {
                await grain.RecordAsync((caller * 1000) + i);
            }
        }));
        await Task.WhenAll(callers);

        var order = await grain.GetOrderAsync();
        Assert.Equal(1600, order.Count);
        Assert.Equal(1, await grain.GetMaxConcurrencyAsync());
        for (var caller = 0; caller < 8; caller++)
        {
            // Each caller awaited its calls one by one, so its own numbers arrived in order.
            var own = order.Where(n => n / 1000 == caller).ToList();
            Assert.Equal(Enumerable.Range(caller * 1000, 200), own);
        }

        Assert.Equal(1, test.Runtime.ActivationCount);
    }

    [Fact]
    public async Task Different_grains_run_in_parallel()
    {
        await using var test = await TestRuntime.StartAsync();

        // One grain is held; another of the same type still answers.
        var blocked = test.Runtime.GetGrain<ISequenceGrain>("held").BlockAsync();
        await test.Probe.Entered.Task;
        await test.Runtime.GetGrain<ISequenceGrain>("free").RecordAsync(1);
        Assert.False(blocked.IsCompleted);

        test.Probe.Gate.SetResult();
        await blocked;
        Assert.Equal(2, test.Runtime.ActivationCount);
    }
}
