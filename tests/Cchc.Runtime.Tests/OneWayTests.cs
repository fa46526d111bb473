using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class OneWayTests
{
    [Fact]
    public async Task One_way_calls_are_queued_in_order_and_the_caller_does_not_wait()
    {
        await using var test = await TestRuntime.StartAsync();
        var grain = test.Runtime.GetGrain<ISequenceGrain>("notified");
        var blocked = grain.BlockAsync();
        await test.Probe.Entered.Task;

        for (var i = 0; i < 100; i++)
        {
            if (i % 2 == 0)
            {
                var sent = grain.NotifyAsync(i); // [OneWay]
                Assert.True(sent.IsCompletedSuccessfully);
            }
            else
            {
                var number = i;
                grain.InvokeOneWay(g => g.RecordAsync(number));
            }
        }

        Assert.False(blocked.IsCompleted);
        test.Probe.Gate.SetResult();
        await blocked;
        Assert.Equal(Enumerable.Range(0, 100), await grain.GetOrderAsync());
        Assert.Equal(1, await grain.GetMaxConcurrencyAsync());
    }

    [Fact]
    public async Task A_failing_one_way_call_is_logged_not_lost_and_the_grain_goes_on()
    {
        await using var test = await TestRuntime.StartAsync();
        var grain = test.Runtime.GetGrain<ISequenceGrain>("failing");

        await grain.NotifyFailingAsync("district total overflow");
        await grain.RecordAsync(1); // queued behind the one-way call, so it has run

        var logged = Assert.Single(test.Logs.Entries, e => e.EventId == 1);
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Error, logged.Level);
        Assert.Equal("district total overflow", logged.Exception?.Message);
        Assert.Contains("seq/failing", logged.Message, StringComparison.Ordinal);
        Assert.Contains("ISequenceGrain.NotifyFailingAsync", logged.Message, StringComparison.Ordinal);
        Assert.Equal([1], await grain.GetOrderAsync());
    }

    [Fact]
    public void InvokeOneWay_needs_a_grain_reference()
    {
        var notAReference = new SequenceGrain(new GrainProbe());

        var error = Assert.Throws<ArgumentException>(() =>
            ((ISequenceGrain)notAReference).InvokeOneWay(g => g.RecordAsync(1)));
        Assert.Contains("IGrainFactory.GetGrain", error.Message, StringComparison.Ordinal);
    }
}
