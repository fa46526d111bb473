using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class DeadlockTests
{
    [Fact]
    public async Task A_call_back_up_an_awaited_chain_fails_at_once_naming_the_chain()
    {
        await using var test = await TestRuntime.StartAsync();
        var a = test.Runtime.GetGrain<IPingGrain>("a");

        var error = await Assert.ThrowsAsync<GrainDeadlockException>(() => a.CallAsync(["b", "a"]));

        Assert.Contains("ping/a → ping/b → ping/a", error.Message, StringComparison.Ordinal);
        Assert.Contains("IPingGrain.CallAsync", error.Message, StringComparison.Ordinal);
        Assert.Equal([new GrainId("ping", "a"), new GrainId("ping", "b"), new GrainId("ping", "a")], error.CallChain);

        // Both activations are fine afterwards.
        Assert.Equal("a b c", await a.CallAsync(["b", "c"]));
    }

    [Fact]
    public async Task A_longer_cycle_and_a_call_to_itself_are_caught_too()
    {
        await using var test = await TestRuntime.StartAsync();
        var a = test.Runtime.GetGrain<IPingGrain>("a");

        var cycle = await Assert.ThrowsAsync<GrainDeadlockException>(() => a.CallAsync(["b", "c", "b"]));
        Assert.Contains("ping/a → ping/b → ping/c → ping/b", cycle.Message, StringComparison.Ordinal);

        var self = await Assert.ThrowsAsync<GrainDeadlockException>(() => a.CallAsync(["a"]));
        Assert.Contains("ping/a → ping/a", self.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_same_grain_twice_in_a_chain_is_fine_once_its_turn_has_ended()
    {
        await using var test = await TestRuntime.StartAsync();

        // a → b, then (b's turn over) a → c → b: b appears twice but never waits on itself.
        Assert.Equal("a b", await test.Runtime.GetGrain<IPingGrain>("a").CallAsync(["b"]));
        Assert.Equal("a c b", await test.Runtime.GetGrain<IPingGrain>("a").CallAsync(["c", "b"]));
    }

    [Fact]
    public async Task A_one_way_call_back_up_the_chain_is_queued_not_a_deadlock()
    {
        await using var test = await TestRuntime.StartAsync();
        var a = test.Runtime.GetGrain<IPingGrain>("a");

        Assert.Equal("ok", await a.PokeAsync("b"));

        // The one-way answer was queued behind PokeAsync, so it comes after it.
        Assert.Equal(["poke done", "answer"], await a.GetNotesAsync());
    }

    [Fact]
    public async Task A_call_that_gets_no_answer_times_out_with_the_grain_and_method_named()
    {
        await using var test = await TestRuntime.StartAsync(options => options.ResponseTimeout = TimeSpan.FromSeconds(30));
        var grain = test.Runtime.GetGrain<ISequenceGrain>("stuck");
        var stuck = grain.BlockAsync();
        await test.Probe.Entered.Task;

        test.Clock.Advance(TimeSpan.FromSeconds(29));
        Assert.False(stuck.IsCompleted);
        test.Clock.Advance(TimeSpan.FromSeconds(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => stuck);
        Assert.Contains("ISequenceGrain.BlockAsync", error.Message, StringComparison.Ordinal);
        Assert.Contains("seq/stuck", error.Message, StringComparison.Ordinal);

        // The call itself still runs to its end, and the activation goes on.
        test.Probe.Gate.SetResult();
        await grain.RecordAsync(7);
        Assert.Equal([7], await grain.GetOrderAsync());
    }
}
