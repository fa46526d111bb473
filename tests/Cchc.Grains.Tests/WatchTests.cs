using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Grains.Tests;

/// <summary>
/// Live rankings through the per-silo <see cref="RankingHub"/>: order, resume, resync on overflow, rebuild and
/// deactivation, subscription renewal on the grains' fake clock, bounds, and two silos. SQLite: storage plays no part
/// in watching beyond what <see cref="SeasonTests"/> covers on both providers.
/// </summary>
public sealed class WatchTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private static readonly Period Annual = Period.Annual(Year);
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private readonly CancellationTokenSource _stop = new(TimeSpan.FromMinutes(2));
    private CchcCluster? _cluster;
    private StorageOptions _storage = null!;

    private CchcCluster Cluster => _cluster ?? throw new InvalidOperationException("Start a cluster first.");

    private IReadOnlyList<UnitRecord> Communes => [.. _units.Communes];

    public async Task InitializeAsync() => _storage = await target.CreateAsync();

    public async Task DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }

        _stop.Dispose();
    }

    [Fact]
    public async Task A_watcher_sees_every_change_in_order_and_ends_on_the_final_ranking()
    {
        await StartAsync();
        await using var feed = Watch(Cluster.Hub, 0);
        var snapshot = await NextAsync(feed);
        Assert.Equal((0L, false), (snapshot.Snapshot!.Version, snapshot.Resync));
        var reader = ReadUpdatesAsync(feed, until: Communes.Count);

        await PlayAsync(Communes.Count);

        var updates = await reader;
        var final = await Cluster.Ranking(Province, Year).GetRankingAsync(null, 0, 1000);
        Assert.Equal(Enumerable.Range(1, Communes.Count).Select(v => (long)v), updates.Select(u => u.Version));
        var last = updates.GroupBy(u => u.UnitCode).ToDictionary(g => g.Key, g => g.Last().Row!);
        Assert.Equal(final.Rows.Count, last.Count);
        Assert.All(final.Rows, r => Assert.Equal(r.Index, last[r.UnitCode].Index));
        Assert.Equal(final.UnitCount, updates[^1].UnitCount);
    }

    [Fact]
    public async Task A_watcher_resumes_after_its_version_or_gets_a_snapshot()
    {
        await StartAsync(watch: o => o.HistoryLength = 8);

        // Active before the writes: a ranking activated by the first of them reads the summaries of writes made while
        // it loads, and those never enter its history (a watcher of it could not have seen them anyway).
        await Cluster.Ranking(Province, Year).GetRankingAsync(null, 0, 0);
        await PlayAsync(10);

        await using (var resumed = Watch(Cluster.Hub, 4))
        {
            var missed = new List<long>();
            for (var i = 0; i < 6; i++)
            {
                var item = await NextAsync(resumed);
                Assert.Null(item.Snapshot);
                missed.Add(item.Update!.Version);
            }

            Assert.Equal([5L, 6, 7, 8, 9, 10], missed);
            await PlayAsync(1, from: 10);
            Assert.Equal(11, (await NextAsync(resumed)).Update!.Version);
        }

        foreach (var after in new long[] { 0, 2, 50 })
        {
            // 0: a new watcher; 2: older than the 8 changes kept; 50: a version this ranking never had.
            await using var fresh = Watch(Cluster.Hub, after);
            var first = await NextAsync(fresh);
            Assert.Equal((11L, false), (first.Snapshot!.Version, first.Resync));
        }
    }

    [Fact]
    public async Task A_ranking_nobody_watches_keeps_a_short_history_and_a_watched_one_its_full_length()
    {
        await StartAsync(watch: o => (o.HistoryLength, o.UnwatchedHistoryLength) = (8, 3));
        await Cluster.Ranking(Province, Year).GetRankingAsync(null, 0, 0);
        await PlayAsync(6);
        await WaitForVersionAsync(6);

        // Versions 1 to 6 went unwatched, so only 4, 5 and 6 are kept: after 2 is a snapshot, after 3 the three kept.
        await using var watching = Watch(Cluster.Hub, 2);
        var first = await NextAsync(watching);
        Assert.Equal((6L, false), (first.Snapshot!.Version, first.Resync));
        await using (var resumed = Watch(Cluster.Hub, 3))
        {
            Assert.Equal([4L, 5, 6], (await ReadUpdatesAsync(resumed, until: 6)).Select(u => u.Version));
        }

        // Watched from here on: versions 7 to 12 join 4 to 6, and the oldest beyond 8 is dropped.
        await PlayAsync(6, from: 6);
        await WaitForVersionAsync(12);
        await using var late = Watch(Cluster.Hub, 4);
        Assert.Equal(Enumerable.Range(5, 8).Select(v => (long)v), (await ReadUpdatesAsync(late, until: 12)).Select(u => u.Version));
    }

    [Fact]
    public async Task A_slow_watcher_gets_a_resync_snapshot_instead_of_a_gap()
    {
        await StartAsync(watch: o => o.WatcherBufferCapacity = 16);
        await using var slow = Watch(Cluster.Hub, 0);
        Assert.Equal(0, (await NextAsync(slow)).Snapshot!.Version);

        await PlayAsync(40);
        await WaitForVersionAsync(40);

        var resync = await NextAsync(slow);
        Assert.True(resync.Resync);
        Assert.Equal(40, resync.Snapshot!.Version);
        Assert.Equal(40, resync.Snapshot.UnitCount);
        await PlayAsync(1, from: 40);
        Assert.Equal(41, (await NextAsync(slow)).Update!.Version);
    }

    [Fact]
    public async Task Watchers_that_batch_alike_are_handed_the_same_frames_closed_at_their_size_or_their_wait()
    {
        await StartAsync();
        var fives = new FeedBatching(5, TimeSpan.FromSeconds(30));
        await using var a = Watch(Cluster.Hub, 0, fives);
        await using var b = Watch(Cluster.Hub, 0, fives);
        await using var fours = Watch(Cluster.Hub, 0, new FeedBatching(4, TimeSpan.FromSeconds(30)));
        await using var plain = Watch(Cluster.Hub, 0);
        foreach (var feed in (IAsyncEnumerator<RankingFeedItem>[])[a, b, fours, plain])
        {
            Assert.Equal(0, (await NextAsync(feed)).Snapshot!.Version);
        }

        await PlayAsync(12);

        // 12 changes: two full frames of five, and three full frames of four.
        var ofA = new[] { await NextFrameAsync(a), await NextFrameAsync(a) };
        var ofB = new[] { await NextFrameAsync(b), await NextFrameAsync(b) };
        Assert.Equal([[1L, 2, 3, 4, 5], [6L, 7, 8, 9, 10]], ofA.Select(Versions));
        Assert.Same(ofA[0], ofB[0]);
        Assert.Same(ofA[1], ofB[1]);
        var ofFours = new[] { await NextFrameAsync(fours), await NextFrameAsync(fours), await NextFrameAsync(fours) };
        Assert.Equal([[1L, 2, 3, 4], [5L, 6, 7, 8], [9L, 10, 11, 12]], ofFours.Select(Versions));
        Assert.Equal(Enumerable.Range(1, 12).Select(v => (long)v), (await ReadUpdatesAsync(plain, until: 12)).Select(u => u.Version));

        // 11 and 12 wait for a third frame of five until 30 s after 11 arrived, then go out together, one frame for both.
        var pending = NextFrameAsync(a).AsTask();
        Cluster.Clock.Advance(TimeSpan.FromSeconds(29));
        await PlayAsync(0);
        Assert.False(pending.IsCompleted, "the frame closed before its wait was over");
        Cluster.Clock.Advance(TimeSpan.FromSeconds(1));
        var last = await pending;
        Assert.Equal([11L, 12], Versions(last));
        Assert.Same(last, await NextFrameAsync(b));
    }

    [Fact]
    public async Task A_watch_waiting_for_its_next_update_ends_when_cancelled_and_leaves_the_hub()
    {
        await StartAsync();
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        await using var feed = Cluster.Hub.WatchAsync(Province, Annual, null, 0, cancel.Token).GetAsyncEnumerator(cancel.Token);
        Assert.Equal(0, (await NextAsync(feed)).Snapshot!.Version);
        Assert.Equal(1, Cluster.Hub.WatcherCount);

        // Nothing changes, so the read waits on an empty buffer; only the cancellation can end it.
        var waiting = feed.MoveNextAsync().AsTask();
        Assert.False(waiting.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting.WaitAsync(TimeSpan.FromSeconds(30)));
        Assert.Equal(0, Cluster.Hub.WatcherCount);
    }

    [Fact]
    public async Task A_batching_watcher_that_fell_behind_is_handed_the_frames_queued_for_it_as_one_up_to_its_batch_size()
    {
        await StartAsync();
        var fives = new FeedBatching(5, TimeSpan.FromSeconds(30));
        await using var behind = Watch(Cluster.Hub, 0, fives);
        await using var keeping = Watch(Cluster.Hub, 0, fives);
        await using var plain = Watch(Cluster.Hub, 0);
        foreach (var feed in (IAsyncEnumerator<RankingFeedItem>[])[behind, keeping, plain])
        {
            Assert.Equal(0, (await NextAsync(feed)).Snapshot!.Version);
        }

        // Three frames of two, each closed by its wait. The plain watcher is handed each change in the same turn as the
        // open frame, so once it has read one, the frame holds it. One batching watcher reads each frame as it closes;
        // the other reads none of them meanwhile.
        var closed = new List<RankingFeedFrame>();
        for (var i = 0; i < 3; i++)
        {
            await PlayAsync(2, from: 2 * i);
            await ReadUpdatesAsync(plain, until: (2 * i) + 2);
            Cluster.Clock.Advance(TimeSpan.FromSeconds(30));
            closed.Add(await NextFrameAsync(keeping));
        }

        Assert.Equal([[1L, 2], [3L, 4], [5L, 6]], closed.Select(Versions));
        Assert.All(closed, frame => Assert.True(frame.IsShared));

        // Two frames make four updates of the five allowed; the third would make six, so it follows on its own.
        var joined = await NextFrameAsync(behind);
        Assert.Equal([1L, 2, 3, 4], Versions(joined));
        Assert.Equal(closed[0].Updates.Concat(closed[1].Updates), joined.Updates);
        Assert.False(joined.IsShared);
        Assert.Same(closed[2], await NextFrameAsync(behind));
    }

    [Fact]
    public async Task A_watcher_whose_snapshot_falls_inside_a_shared_frame_is_handed_only_the_updates_after_it()
    {
        await StartAsync();
        var batching = new FeedBatching(5, TimeSpan.FromSeconds(30));
        await using var early = Watch(Cluster.Hub, 0, batching);
        Assert.Equal(0, (await NextAsync(early)).Snapshot!.Version);
        await PlayAsync(2);
        await WaitForVersionAsync(2);

        // Versions 1 and 2 wait in the group's open frame; the late watcher's snapshot already holds them.
        await using var late = Watch(Cluster.Hub, 0, batching);
        Assert.Equal(2, (await NextAsync(late)).Snapshot!.Version);
        await PlayAsync(3, from: 2);

        var whole = await NextFrameAsync(early);
        var rest = await NextFrameAsync(late);
        Assert.Equal([1L, 2, 3, 4, 5], Versions(whole));
        Assert.Equal([3L, 4, 5], Versions(rest));
        Assert.Equal(whole.Updates.Skip(2), rest.Updates);
    }

    [Fact]
    public async Task A_batching_watcher_too_slow_for_its_buffer_gets_a_resync_snapshot_counted_in_updates()
    {
        // A buffer of 16 updates: one frame of 10 fits, two do not, though two frames are far fewer than 16.
        await StartAsync(watch: o => o.WatcherBufferCapacity = 16);
        await using var slow = Watch(Cluster.Hub, 0, new FeedBatching(10, TimeSpan.FromSeconds(30)));
        Assert.Equal(0, (await NextAsync(slow)).Snapshot!.Version);
        await PlayAsync(10);
        await WaitForVersionAsync(10);
        Assert.Equal(Enumerable.Range(1, 10).Select(v => (long)v), Versions(await NextFrameAsync(slow)));

        // 11 to 20 fit, 21 to 30 overflow; ten changes more let that overflow reach the hub before the read below.
        await PlayAsync(30, from: 10);
        await WaitForVersionAsync(40);

        var resync = await NextAsync(slow);
        Assert.True(resync.Resync);
        Assert.Equal(40, resync.Snapshot!.Version);
        await PlayAsync(10, from: 40);
        Assert.Equal(Enumerable.Range(41, 10).Select(v => (long)v), Versions(await NextFrameAsync(slow)));
    }

    [Fact]
    public async Task A_framework_put_again_rebuilds_the_ranking_and_resyncs_its_watchers()
    {
        await StartAsync();
        var code = Communes[0].Code;
        await Cluster.Commune(code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await WaitForVersionAsync(1);
        await using var feed = Watch(Cluster.Hub, 0);
        Assert.Equal("Yếu", (await NextAsync(feed)).Snapshot!.Rows.Single().ClassName); // 10 of 80 evaluated points

        var generous = TestFramework.For(Year, [new ClassBand("Xuất sắc", 10m), new ClassBand("Yếu", 0m)]);
        await Cluster.Grain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year)).PutAsync(generous);
        Assert.Equal("Xuất sắc", (await Cluster.Ranking(Province, Year).GetUnitRankAsync(code, null)).Row?.ClassName);

        var resync = await NextAsync(feed);
        Assert.True(resync.Resync);
        Assert.Equal(("Xuất sắc", 1L), (resync.Snapshot!.Rows.Single().ClassName, resync.Snapshot.Version));
    }

    [Fact]
    public async Task A_ranking_that_deactivates_resyncs_its_watchers_and_keeps_feeding_them()
    {
        await StartAsync();
        await using var feed = Watch(Cluster.Hub, 0);
        await NextAsync(feed);
        await PlayAsync(3);
        Assert.Equal([1L, 2, 3], (await ReadUpdatesAsync(feed, until: 3)).Select(u => u.Version));

        await Cluster.Cluster.DeactivateAsync(Cluster.Ranking(Province, Year));

        var resync = await NextAsync(feed);
        Assert.True(resync.Resync);
        Assert.Equal(3, resync.Snapshot!.Version); // rebuilt from the communes' stored scores
        await PlayAsync(1, from: 3);

        // The hub subscribes to the new activation; until its first change arrives under the new epoch, a change may
        // come as one more snapshot instead of an update: either way in order, never a gap.
        var last = 3L;
        while (last < 4)
        {
            var item = await NextAsync(feed);
            if (item.Snapshot is { } again)
            {
                Assert.True(item.Resync);
                last = again.Version;
            }
            else
            {
                Assert.Equal(last + 1, item.Update!.Version);
                last = item.Update.Version;
            }
        }

        Assert.Equal(4, last);
        await Cluster.Hub.RenewalsSettledAsync();
        await PlayAsync(1, from: 4);
        var settled = await NextAsync(feed);
        Assert.Equal(5, settled.Update!.Version); // subscribed under the new epoch: plain updates again
    }

    [Fact]
    public async Task Subscriptions_are_renewed_before_they_expire_while_a_ranking_is_watched()
    {
        await StartAsync(watch: o =>
        {
            o.SubscriptionExpiry = TimeSpan.FromMinutes(3);
            o.RenewEvery = TimeSpan.FromMinutes(1);
        });
        await using var feed = Watch(Cluster.Hub, 0);
        await NextAsync(feed);

        // Ten minutes on the grains' clock: without renewals the hub's subscription would have lapsed after three.
        for (var minute = 0; minute < 10; minute++)
        {
            Cluster.Clock.Advance(TimeSpan.FromMinutes(1));
            await Cluster.Hub.RenewalsSettledAsync();
        }

        await PlayAsync(1);
        Assert.Equal(1, (await NextAsync(feed)).Update!.Version);
        Assert.Equal(1, Cluster.Hub.FeedCount);
    }

    [Fact]
    public async Task A_silo_serves_at_most_its_watchers_and_lets_a_ranking_go_when_the_last_one_leaves()
    {
        await StartAsync(watch: o => o.MaxWatchersPerSilo = 2);
        var first = Watch(Cluster.Hub, 0);
        var second = Watch(Cluster.Hub, 0, field: "3");
        await NextAsync(first);
        await NextAsync(second);

        await using (var third = Watch(Cluster.Hub, 0))
        {
            var refused = await Assert.ThrowsAsync<RequestRejectedException>(async () => await third.MoveNextAsync());
            Assert.Equal(RejectionKind.ResourceExhausted, refused.Kind);
        }

        await using (var unknown = Cluster.Hub.WatchAsync("99", Annual, null, 0, _stop.Token).GetAsyncEnumerator())
        {
            await first.DisposeAsync();
            var notFound = await Assert.ThrowsAsync<RequestRejectedException>(async () => await unknown.MoveNextAsync());
            Assert.Equal(RejectionKind.NotFound, notFound.Kind);
        }

        await using (var badField = Watch(Cluster.Hub, 0, field: "9"))
        {
            Assert.Equal(RejectionKind.InvalidArgument, (await Assert.ThrowsAsync<RequestRejectedException>(async () => await badField.MoveNextAsync())).Kind);
        }

        Assert.Equal((1, 1), (Cluster.Hub.WatcherCount, Cluster.Hub.FeedCount));
        await second.DisposeAsync();
        Assert.Equal((0, 0), (Cluster.Hub.WatcherCount, Cluster.Hub.FeedCount));
    }

    [Fact]
    public async Task Watchers_on_two_silos_each_see_every_change_through_their_own_hub()
    {
        await StartAsync(silos: 2);
        var hubs = Cluster.Cluster.Silos.Select(s => s.ServiceProvider.GetRequiredService<RankingHub>()).ToList();
        Assert.NotSame(hubs[0], hubs[1]);
        await using var onFirst = Watch(hubs[0], 0);
        await using var onSecond = Watch(hubs[1], 0);
        await NextAsync(onFirst);
        await NextAsync(onSecond);
        var readers = new[] { ReadUpdatesAsync(onFirst, until: 20), ReadUpdatesAsync(onSecond, until: 20) };

        await PlayAsync(20);

        foreach (var updates in await Task.WhenAll(readers))
        {
            Assert.Equal(Enumerable.Range(1, 20).Select(v => (long)v), updates.Select(u => u.Version));
        }
    }

    private async Task StartAsync(Action<RankingWatchOptions>? watch = null, short silos = 1)
    {
        _cluster = await CchcCluster.StartAsync(_storage, watch: watch, silos: silos);
        await _cluster.SeedAsync(_units, Year);
    }

    private IAsyncEnumerator<RankingFeedItem> Watch(RankingHub hub, long after, string? field = null) =>
        hub.WatchAsync(Province, Annual, field, after, _stop.Token).GetAsyncEnumerator(_stop.Token);

    private IAsyncEnumerator<RankingFeedItem> Watch(RankingHub hub, long after, FeedBatching batching) =>
        hub.WatchAsync(Province, Annual, null, after, batching, _stop.Token).GetAsyncEnumerator(_stop.Token);

    private static async ValueTask<RankingFeedFrame> NextFrameAsync(IAsyncEnumerator<RankingFeedItem> feed)
    {
        var item = await NextAsync(feed);
        Assert.Null(item.Snapshot);
        return item.Frame ?? throw new InvalidOperationException($"Expected a frame, got update {item.Update?.Version}.");
    }

    private static long[] Versions(RankingFeedFrame frame) => [.. frame.Updates.Select(u => u.Version)];

    private static async Task<RankingFeedItem> NextAsync(IAsyncEnumerator<RankingFeedItem> feed)
    {
        Assert.True(await feed.MoveNextAsync());
        return feed.Current;
    }

    private static async Task<List<RankingFeedUpdate>> ReadUpdatesAsync(IAsyncEnumerator<RankingFeedItem> feed, long until)
    {
        var updates = new List<RankingFeedUpdate>();
        while (updates.Count == 0 || updates[^1].Version < until)
        {
            var item = await NextAsync(feed);
            Assert.Null(item.Snapshot);
            updates.Add(item.Update!);
        }

        return updates;
    }

    /// <summary>One single-item batch per commune in turn, <paramref name="count"/> of them, starting after batch <paramref name="from"/>.</summary>
    private async Task PlayAsync(int count, int from = 0)
    {
        for (var i = from; i < from + count; i++)
        {
            var commune = Communes[i % Communes.Count];
            await Cluster.Commune(commune.Code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", (i % 20) + 0.5m)));
        }
    }

    private async Task WaitForVersionAsync(long version)
    {
        while ((await Cluster.Ranking(Province, Year).GetRankingAsync(null, 0, 0)).Version < version)
        {
            _stop.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
