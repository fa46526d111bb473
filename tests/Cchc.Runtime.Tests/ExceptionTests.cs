using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class ExceptionTests
{
    [Fact]
    public async Task A_throwing_call_reaches_the_caller_and_the_activation_goes_on_with_its_state()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("fragile");
        await counter.IncrementAsync();
        await counter.IncrementWithoutWritingAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => counter.FailAsync("no such commune"));
        Assert.Equal("no such commune", error.Message);

        Assert.Equal(3, await counter.IncrementAsync());
        Assert.Equal(1, test.Probe.Activations);
    }

    [Fact]
    public async Task A_failed_activation_fails_its_waiting_calls_clearly_and_the_next_call_activates_again()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("shy");
        test.Probe.FailActivation = true;

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => counter.GetAsync());
        Assert.Contains("counter/shy", error.Message, StringComparison.Ordinal);
        Assert.Equal("activation refused by the test", error.InnerException?.Message);
        Assert.Equal(0, test.Runtime.ActivationCount);

        test.Probe.FailActivation = false;
        Assert.Equal(1, await counter.IncrementAsync());
        Assert.Equal(1, test.Probe.Activations);
    }

    [Fact]
    public async Task Stored_state_that_is_not_valid_json_fails_activation_with_the_state_named()
    {
        await using var test = await TestRuntime.StartAsync();
        await test.Storage.WriteAsync(TestRuntime.CounterStateName, "counter/corrupt", "{\"count\": \"many\"", null);

        var error = await Assert.ThrowsAsync<GrainActivationException>(() =>
            test.Runtime.GetGrain<ICounterGrain>("corrupt").GetAsync());
        Assert.Contains("State 'counter' of grain 'counter/corrupt'", error.InnerException?.Message, StringComparison.Ordinal);
    }
}
