using Cchc.Runtime.Storage;
using Cchc.Runtime.Tests.Grains;

namespace Cchc.Runtime.Tests;

public sealed class PersistentStateTests
{
    [Fact]
    public async Task A_written_state_is_json_in_storage_under_the_grain_id_with_the_etag_the_grain_holds()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("05914/2024-Y");
        Assert.False(await counter.RecordExistsAsync());
        Assert.Null(await counter.GetEtagAsync());

        await counter.IncrementAsync();

        var stored = test.Storage.Get("counter", "counter/05914/2024-Y");
        Assert.NotNull(stored);
        Assert.Equal("""{"count":1,"note":null}""", stored.Payload);
        Assert.Equal(stored.ETag, await counter.GetEtagAsync());
        Assert.True(await counter.RecordExistsAsync());
    }

    [Fact]
    public async Task A_stale_etag_fails_the_write_for_the_caller_and_a_reread_recovers()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("contested");
        await counter.IncrementAsync();

        // Someone else writes the same state behind the grain's back.
        var current = test.Storage.Get("counter", "counter/contested")!;
        await test.Storage.WriteAsync("counter", "counter/contested", """{"count":40}""", current.ETag);

        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => counter.IncrementAsync());
        Assert.Equal(current.ETag, error.ExpectedETag);
        Assert.Equal(40, test.StoredCounter("contested")?.Count); // nothing was changed

        await counter.ReloadAsync();
        Assert.Equal(41, await counter.IncrementAsync());
        Assert.Equal(41, test.StoredCounter("contested")?.Count);
    }

    [Fact]
    public async Task Clearing_removes_the_stored_state_and_resets_it()
    {
        await using var test = await TestRuntime.StartAsync();
        var counter = test.Runtime.GetGrain<ICounterGrain>("cleared");
        await counter.IncrementAsync();

        await counter.ClearAsync();

        Assert.Null(test.Storage.Get("counter", "counter/cleared"));
        Assert.Equal(0, await counter.GetAsync());
        Assert.False(await counter.RecordExistsAsync());
        Assert.Null(await counter.GetEtagAsync());
    }

    [Fact]
    public async Task A_state_left_unchanged_since_activation_is_not_written_at_deactivation()
    {
        await using var test = await TestRuntime.StartAsync();
        await test.Runtime.GetGrain<ICounterGrain>("reader").GetAsync();

        await test.Runtime.StopAsync();

        Assert.Equal(0, test.Storage.Writes);
        Assert.Null(test.Storage.Get("counter", "counter/reader"));
    }
}
