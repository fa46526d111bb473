using Cchc.Server.Services;

namespace Cchc.Server.Tests;

/// <summary>The server's bound on watch snapshots being written at once.</summary>
public sealed class SnapshotWritesTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_writer_past_the_capacity_waits_until_a_slot_is_given_back_and_a_slot_is_given_back_once()
    {
        using var writes = new SnapshotWrites(2);
        using var timeout = new CancellationTokenSource(Patience);
        var first = await writes.EnterAsync(timeout.Token);
        var second = await writes.EnterAsync(timeout.Token);
        var third = writes.EnterAsync(timeout.Token);
        Assert.Equal(0, writes.Free);
        Assert.False(third.IsCompleted, "a third writer got a slot of two");

        first.Dispose();
        (await third.WaitAsync(timeout.Token)).Dispose();
        Assert.Equal(1, writes.Free);

        // Disposed twice (a using and an error path, say), the second slot still counts once.
        second.Dispose();
        second.Dispose();
        Assert.Equal(2, writes.Free);
    }

    [Fact]
    public async Task A_writer_whose_watch_ends_while_it_waits_stops_waiting_and_takes_no_slot()
    {
        using var writes = new SnapshotWrites(1);
        using var timeout = new CancellationTokenSource(Patience);
        using var held = await writes.EnterAsync(timeout.Token);
        using var watchEnded = new CancellationTokenSource();
        var waiting = writes.EnterAsync(watchEnded.Token);
        await watchEnded.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(1, writes.Free);
    }

    [Fact]
    public void A_capacity_under_one_is_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new SnapshotWrites(0));
    }
}
