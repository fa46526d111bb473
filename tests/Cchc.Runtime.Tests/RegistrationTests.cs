using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void A_grain_interface_with_a_non_task_method_is_rejected_at_registration()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            new GrainRuntimeBuilder().AddGrain<IBadGrain, BadGrain>());

        Assert.Contains("IBadGrain.Count", error.Message, StringComparison.Ordinal);
        Assert.Contains("Task", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unregistered_interface_and_a_blank_key_get_clear_errors()
    {
        await using var runtime = new GrainRuntimeBuilder().AddGrain<IPingGrain, PingGrain>().Build();

        var unregistered = Assert.Throws<InvalidOperationException>(() => runtime.GetGrain<ICounterGrain>("x"));
        Assert.Contains("ICounterGrain", unregistered.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentException>(() => runtime.GetGrain<IPingGrain>(" "));
    }

    [Fact]
    public async Task A_grain_sees_its_key_and_its_id_is_the_type_name_then_the_key()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("05914/2024-Y");

        Assert.Equal("05914/2024-Y", await counter.GetKeyAsync());
        Assert.Equal("05914/2024-Y", counter.GetPrimaryKeyString());
        Assert.Equal(new GrainId("counter", "05914/2024-Y"), counter.GetGrainId());
        Assert.Equal("counter/05914/2024-Y", counter.GetGrainId().ToString());
        Assert.Equal("ICounterGrain(counter/05914/2024-Y)", counter.ToString());
    }

    [Fact]
    public async Task A_state_in_an_unregistered_storage_fails_activation_naming_it()
    {
        await using var runtime = new GrainRuntimeBuilder()
            .AddGrain<ICounterGrain, CounterGrain>(context =>
                new CounterGrain(context.GetPersistentState<CounterState>("counter", "archive"), new GrainProbe()))
            .Build();
        await runtime.StartAsync();

        var error = await Assert.ThrowsAsync<GrainActivationException>(() => runtime.GetGrain<ICounterGrain>("x").GetAsync());
        Assert.Contains("No grain storage named 'archive'", error.InnerException?.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false, "after it was created")]
    [InlineData(true, "declares persistent state 'same' twice")]
    public async Task Persistent_states_declared_twice_or_too_late_fail_activation_clearly(bool declareTwice, string expected)
    {
        await using var runtime = new GrainRuntimeBuilder()
            .AddGrainStorage(new InMemoryGrainStorage())
            .AddGrain<ILateStateGrain, LateStateGrain>(context => LateStateGrain.Create(context, declareTwice))
            .Build();
        await runtime.StartAsync();

        var error = await Assert.ThrowsAsync<GrainActivationException>(() =>
            runtime.GetGrain<ILateStateGrain>("x").TouchAsync());
        Assert.Contains(expected, error.InnerException?.Message, StringComparison.Ordinal);
    }
}
