using Cchc.Api.V1;
using Cchc.Server.Services;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Server.Tests;

/// <summary>
/// WatchRanking through the real server: updates arrive one version after another, a client resumes from the last
/// version it saw, and a client whose ranking was rebuilt, or who reads too slowly for its buffer, gets a fresh
/// snapshot instead of a gap.
/// </summary>
public sealed class WatchTests
{
    private const string Province = "93";
    private const int Year = 2024;
    private static readonly TinyProvince Tiny = new(Province, Year);
    private static readonly string[] Communes = [.. Tiny.Communes];
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task Updates_come_in_version_order_and_a_watch_resumes_after_the_last_version_seen()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);

        long last;
        using (var watch = admin.Ranking.WatchRanking(Watch(0), cancellationToken: timeout.Token))
        {
            var snapshot = await NextAsync(watch, timeout.Token);
            Assert.Equal((WatchRankingResponse.EventOneofCase.Snapshot, 0L), (snapshot.EventCase, snapshot.Snapshot.Version));
            last = await SubmitAndReadAsync(server, watch, 0, [Communes[0], Communes[1], Communes[2], Communes[0], Communes[1]], timeout.Token);
            Assert.Equal(5, last);
        }

        // Written while nobody watched: a watch resuming from version 5 gets exactly those, then what follows.
        for (var i = 0; i < 3; i++)
        {
            await SubmitAsync(server, Communes[2], 6 + i);
        }

        using (var resumed = admin.Ranking.WatchRanking(Watch(last), cancellationToken: timeout.Token))
        {
            foreach (var version in (long[])[6, 7, 8])
            {
                var update = await NextAsync(resumed, timeout.Token);
                Assert.Equal((WatchRankingResponse.EventOneofCase.Update, version, Communes[2]), (update.EventCase, update.Update.Version, update.Update.UnitCode));
            }

            Assert.Equal(9, await SubmitAndReadAsync(server, resumed, 8, [Communes[1]], timeout.Token));
        }

        // A version the ranking never reached (a client of another database, say) cannot be resumed: a snapshot.
        using var ahead = admin.Ranking.WatchRanking(Watch(100), cancellationToken: timeout.Token);
        var fresh = await NextAsync(ahead, timeout.Token);
        Assert.Equal((WatchRankingResponse.EventOneofCase.Snapshot, 9L), (fresh.EventCase, fresh.Snapshot.Version));
        Assert.Equal(await RankingAsync(admin), fresh.Snapshot.Entries);
    }

    [Fact]
    public async Task A_ranking_rebuilt_for_a_new_framework_resyncs_its_watchers_with_a_snapshot()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = admin.Ranking.WatchRanking(Watch(0), cancellationToken: timeout.Token);
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, (await NextAsync(watch, timeout.Token)).EventCase);
        Assert.Equal(2, await SubmitAndReadAsync(server, watch, 0, [Communes[0], Communes[1]], timeout.Token));

        // The province puts its framework again (corrected): the next change rebuilds
        // the ranking, and the watcher must start again from a snapshot, not patch its old copy.
        var corrected = SeasonFramework.ToRequest(Province, Year);
        corrected.Framework.Title += " (sửa đổi)";
        await admin.Frameworks.PutFrameworkAsync(corrected).ResponseAsync;
        await SubmitAsync(server, Communes[2], 3);

        var resync = await NextAsync(watch, timeout.Token);
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, resync.EventCase);
        var ranking = await admin.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = Province, Period = Rpc.Year(Year), PageSize = 1000 }).ResponseAsync;
        Assert.Equal((ranking.Version, ranking.Entries), (resync.Snapshot.Version, resync.Snapshot.Entries));
        Assert.Equal(3, ranking.Version);
    }

    [Fact]
    public async Task A_watcher_too_slow_for_its_buffer_gets_a_snapshot_after_an_unbroken_run_of_updates()
    {
        await using var server = await RunningServer.StartAsync(configure: o => o with { WatchBufferCapacity = 8 });
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = admin.Ranking.WatchRanking(Watch(0), cancellationToken: timeout.Token);
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, (await NextAsync(watch, timeout.Token)).EventCase);

        // The client reads nothing while the communes write: HTTP/2 flow control stops the server's writes once the
        // stream's window is full, and then the watch's 8-update buffer overflows. It may overflow sooner too, while
        // the window still has room, if the server's side of the watch falls 8 updates behind the writes for a moment
        // (a busy machine): that snapshot is of the ranking as it was then, and updates follow on from it.
        const int writes = 2400;
        await SubmitFromEveryCommuneAsync(server, writes / Communes.Length);

        var final = await admin.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = Province, Period = Rpc.Year(Year), PageSize = 1000 }).ResponseAsync;
        Assert.Equal(writes, final.Version);
        var (version, updates, snapshots) = (0L, 0, 0);
        WatchRankingResponse message;
        do
        {
            message = await NextAsync(watch, timeout.Token);
            if (message.EventCase == WatchRankingResponse.EventOneofCase.Update)
            {
                Assert.Equal(version + 1, message.Update.Version);
                (version, updates) = (message.Update.Version, updates + 1);
            }
            else
            {
                Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, message.EventCase);
                Assert.True(message.Snapshot.Version > version, $"a snapshot at {message.Snapshot.Version} after update {version}");
                (version, snapshots) = (message.Snapshot.Version, snapshots + 1);
            }
        }
        while (version < writes);

        Assert.True(snapshots > 0 && updates < writes, "every update fitted in the stream: the buffer never overflowed");
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, message.EventCase);
        Assert.Equal((final.Version, final.Entries), (message.Snapshot.Version, message.Snapshot.Entries));
    }

    [Fact]
    public async Task Watchers_starting_together_past_the_servers_snapshot_slots_all_get_their_snapshot_and_give_the_slot_back()
    {
        await using var server = await RunningServer.StartAsync(configure: o => o with { MaxSnapshotWrites = 1 });
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);
        await SubmitAsync(server, Communes[0], 1);
        var expected = await RankingAsync(admin);

        // Six watches at once through one slot: each snapshot waits for the one before it to be sent.
        var watches = Enumerable.Range(0, 6).Select(_ => admin.Ranking.WatchRanking(Watch(0), cancellationToken: timeout.Token)).ToList();
        try
        {
            var snapshots = await Task.WhenAll(watches.Select(w => NextAsync(w, timeout.Token)));
            Assert.All(snapshots, s => Assert.Equal((WatchRankingResponse.EventOneofCase.Snapshot, 1L, expected), (s.EventCase, s.Snapshot.Version, s.Snapshot.Entries)));

            // Each watch writes the update after its snapshot's slot is given back, so once all have it the slot is free.
            await SubmitAsync(server, Communes[1], 2);
            var updates = await Task.WhenAll(watches.Select(w => NextAsync(w, timeout.Token)));
            Assert.All(updates, u => Assert.Equal((WatchRankingResponse.EventOneofCase.Update, 2L, Communes[1]), (u.EventCase, u.Update.Version, u.Update.UnitCode)));
            Assert.Equal(1, server.Host.Services.GetRequiredService<SnapshotWrites>().Free);
        }
        finally
        {
            watches.ForEach(w => w.Dispose());
        }
    }

    [Fact]
    public async Task A_burst_of_updates_arrives_whole_and_its_last_update_is_not_held_back()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = admin.Ranking.WatchRanking(Watch(0), cancellationToken: timeout.Token);
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, (await NextAsync(watch, timeout.Token)).EventCase);

        // Every commune writes at once, so updates queue behind each other and go out several to a flush; the last one
        // of the burst must still be flushed, with nothing written after it.
        const int perCommune = 20;
        await SubmitFromEveryCommuneAsync(server, perCommune);
        var writes = perCommune * Communes.Length;
        for (long version = 1; version <= writes; version++)
        {
            var message = await NextAsync(watch, timeout.Token);
            Assert.Equal((WatchRankingResponse.EventOneofCase.Update, version), (message.EventCase, message.Update.Version));
        }
    }

    [Fact]
    public async Task A_client_that_asks_gets_the_updates_waiting_for_it_several_to_a_message_in_version_order()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);

        // Versions 1 to 8, written while nobody watches, one commune after another, into a ranking already active: one
        // that activates after some of them counts those in its version with no history to resume from (a resume from
        // before its activation gets a snapshot), which made this test fail when the first write's update was slow.
        var read = new GetRankingRequest { ScopeCode = Province, Period = Rpc.Year(Year), PageSize = 1000 };
        Assert.Equal(0, (await admin.Ranking.GetRankingAsync(read).ResponseAsync).Version);
        string[] writers = [Communes[0], Communes[1], Communes[2], Communes[0], Communes[1], Communes[2], Communes[0], Communes[1]];
        foreach (var (commune, i) in writers.Select((c, i) => (c, i)))
        {
            await SubmitAsync(server, commune, i + 1);
        }

        // A write's update reaches the ranking after its acknowledgement: all eight are applied before the watch starts.
        while ((await admin.Ranking.GetRankingAsync(read, cancellationToken: timeout.Token).ResponseAsync).Version < writers.Length)
        {
            await Task.Delay(20, timeout.Token);
        }

        // Resuming after version 1, at most 3 to a message: the 7 missed updates are all waiting at once, so they come
        // as 3, 3 and 1 (a lone update in the plain `update` form), then a later change on its own.
        using var watch = admin.Ranking.WatchRanking(Watch(1, perMessage: 3), cancellationToken: timeout.Token);
        var received = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var message = await NextAsync(watch, timeout.Token);
            RankingUpdate[] updates = message.EventCase == WatchRankingResponse.EventOneofCase.Updates ? [.. message.Updates.Updates] : [message.Update];
            received.Add($"{message.EventCase}: {string.Join(", ", updates.Select(u => $"{u.Version} {u.Entry.UnitCode}"))}");
        }

        Assert.Equal(
        [
            $"Updates: 2 {writers[1]}, 3 {writers[2]}, 4 {writers[3]}",
            $"Updates: 5 {writers[4]}, 6 {writers[5]}, 7 {writers[6]}",
            $"Update: 8 {writers[7]}",
        ], received);
        Assert.Equal(9, await SubmitAndReadAsync(server, watch, 8, [Communes[2]], timeout.Token));
    }

    [Fact]
    public async Task Every_message_of_a_watch_is_on_the_wire_as_protobuf_encodes_it()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);

        // Into a ranking already active, applied before the watches start: a ranking activated by the first write's
        // update counts the writes before it in its version with no history to resume from, and the resume after
        // version 1 then got a snapshot and waited for an update that never came (3 runs in 10 alone, before this).
        var read = new GetRankingRequest { ScopeCode = Province, Period = Rpc.Year(Year), PageSize = 1 };
        Assert.Equal(0, (await admin.Ranking.GetRankingAsync(read).ResponseAsync).Version);
        for (var i = 0; i < 5; i++)
        {
            await SubmitAsync(server, Communes[i % Communes.Length], i + 1);
        }

        while ((await admin.Ranking.GetRankingAsync(read, cancellationToken: timeout.Token).ResponseAsync).Version < 5)
        {
            await Task.Delay(20, timeout.Token);
        }

        // The bytes as they arrive, before any parsing: the server writes shared updates and snapshots from bytes it
        // encoded once, which must be what protobuf itself writes for the message they parse to.
        var raw = new Method<WatchRankingRequest, byte[]>(MethodType.ServerStreaming, RankingService.Descriptor.FullName, "WatchRanking",
            Marshallers.Create((WatchRankingRequest r) => r.ToByteArray(), WatchRankingRequest.Parser.ParseFrom),
            Marshallers.Create((byte[] b) => b, b => b));
        var cases = new List<string>();
        foreach (var request in (WatchRankingRequest[])[Watch(0), Watch(1, perMessage: 3)])
        {
            using var call = admin.Invoker.AsyncServerStreamingCall(raw, null, new CallOptions(cancellationToken: timeout.Token), request);
            for (var i = 0; i < (request.ResumeAfterVersion == 0 ? 1 : 2); i++)
            {
                Assert.True(await call.ResponseStream.MoveNext(timeout.Token), "the watch ended");
                var bytes = call.ResponseStream.Current;
                var message = WatchRankingResponse.Parser.ParseFrom(bytes);
                Assert.Equal(message.ToByteArray(), bytes);
                cases.Add(message.EventCase switch
                {
                    WatchRankingResponse.EventOneofCase.Snapshot => $"Snapshot {message.Snapshot.Version}: {message.Snapshot.Entries.Count} entries",
                    WatchRankingResponse.EventOneofCase.Updates => $"Updates {string.Join(", ", message.Updates.Updates.Select(u => u.Version))}",
                    _ => $"Update {message.Update.Version}",
                });
            }
        }

        Assert.Equal([$"Snapshot 5: {(await RankingAsync(admin)).Count} entries", "Updates 2, 3, 4", "Update 5"], cases);
    }

    [Fact]
    public async Task An_update_waits_up_to_max_wait_ms_for_later_ones_to_join_its_message()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);
        using var watch = admin.Ranking.WatchRanking(Watch(0, perMessage: 3, maxWaitMs: 1000), cancellationToken: timeout.Token);
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, (await NextAsync(watch, timeout.Token)).EventCase);

        // Three communes write at the same moment: the first update waits for the other two (a second at most), and
        // the three leave together as soon as the message is full.
        await Task.WhenAll(Communes.Take(3).Select((commune, i) => SubmitAsync(server, commune, i + 1)));
        var together = await NextAsync(watch, timeout.Token);
        Assert.Equal(WatchRankingResponse.EventOneofCase.Updates, together.EventCase);
        Assert.Equal([1L, 2L, 3L], together.Updates.Updates.Select(u => u.Version));
        Assert.Equal(Communes.Take(3).Order(StringComparer.Ordinal), together.Updates.Updates.Select(u => u.UnitCode).Order(StringComparer.Ordinal));

        // A lone change still goes out once its wait is over, on its own.
        await SubmitAsync(server, Communes[0], 4);
        var alone = await NextAsync(watch, timeout.Token);
        Assert.Equal((WatchRankingResponse.EventOneofCase.Update, 4L, Communes[0]), (alone.EventCase, alone.Update.Version, alone.Update.UnitCode));
    }

    [Fact]
    public async Task Watchers_that_batch_alike_get_each_batch_as_the_same_bytes_protobuf_writes_for_it()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await SeedAsync(server);
        using var timeout = new CancellationTokenSource(Patience);
        var raw = new Method<WatchRankingRequest, byte[]>(MethodType.ServerStreaming, RankingService.Descriptor.FullName, "WatchRanking",
            Marshallers.Create((WatchRankingRequest r) => r.ToByteArray(), WatchRankingRequest.Parser.ParseFrom),
            Marshallers.Create((byte[] b) => b, b => b));
        var request = Watch(0, perMessage: 3, maxWaitMs: 1000);
        using var first = admin.Invoker.AsyncServerStreamingCall(raw, null, new CallOptions(cancellationToken: timeout.Token), request);
        using var second = admin.Invoker.AsyncServerStreamingCall(raw, null, new CallOptions(cancellationToken: timeout.Token), request);
        foreach (var call in (AsyncServerStreamingCall<byte[]>[])[first, second])
        {
            Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, WatchRankingResponse.Parser.ParseFrom(await RawNextAsync(call, timeout.Token)).EventCase);
        }

        // Three changes at once fill one batch of three; a lone fourth leaves on its own once its second is over.
        await Task.WhenAll(Communes.Take(3).Select((commune, i) => SubmitAsync(server, commune, i + 1)));
        await SubmitAsync(server, Communes[0], 4);
        foreach (var expected in (string[])["Updates 1, 2, 3", "Update 4"])
        {
            var bytes = await RawNextAsync(first, timeout.Token);
            Assert.Equal(bytes, await RawNextAsync(second, timeout.Token));
            var message = WatchRankingResponse.Parser.ParseFrom(bytes);
            Assert.Equal(message.ToByteArray(), bytes);
            Assert.Equal(expected, message.EventCase == WatchRankingResponse.EventOneofCase.Updates
                ? $"Updates {string.Join(", ", message.Updates.Updates.Select(u => u.Version))}"
                : $"{message.EventCase} {message.Update.Version}");
        }
    }

    [Theory]
    [InlineData(-1, 0, "max_updates_per_message -1 is out of range")]
    [InlineData(1001, 0, "max_updates_per_message 1001 is out of range")]
    [InlineData(0, 1, "set max_updates_per_message too")]
    [InlineData(10, -1, "max_wait_ms -1 is out of range")]
    [InlineData(10, 1001, "max_wait_ms 1001 is out of range")]
    public async Task Batching_settings_out_of_range_or_a_wait_without_a_batch_are_refused(int perMessage, int maxWaitMs, string expected)
    {
        await using var server = await RunningServer.StartAsync();
        var admin = await SeedAsync(server);
        using var watch = admin.Ranking.WatchRanking(Watch(0, perMessage, maxWaitMs));
        var refused = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(CancellationToken.None));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains(expected, refused.Status.Detail, StringComparison.Ordinal);
    }

    private static WatchRankingRequest Watch(long resumeAfter, int perMessage = 0, int maxWaitMs = 0) => new()
    {
        ScopeCode = Province,
        Period = Rpc.Year(Year),
        ResumeAfterVersion = resumeAfter,
        MaxUpdatesPerMessage = perMessage,
        MaxWaitMs = maxWaitMs,
    };

    private static async Task<byte[]> RawNextAsync(AsyncServerStreamingCall<byte[]> call, CancellationToken cancellationToken)
    {
        Assert.True(await call.ResponseStream.MoveNext(cancellationToken), "the watch ended");
        return call.ResponseStream.Current;
    }

    private static async Task<WatchRankingResponse> NextAsync(AsyncServerStreamingCall<WatchRankingResponse> watch, CancellationToken cancellationToken)
    {
        Assert.True(await watch.ResponseStream.MoveNext(cancellationToken), "the watch ended");
        return watch.ResponseStream.Current;
    }

    /// <summary>Submits a batch per commune in turn and reads its update right after; returns the last version.</summary>
    private static async Task<long> SubmitAndReadAsync(RunningServer server, AsyncServerStreamingCall<WatchRankingResponse> watch, long version, string[] communes, CancellationToken cancellationToken)
    {
        foreach (var (commune, i) in communes.Select((c, i) => (c, i)))
        {
            await SubmitAsync(server, commune, (int)version + i + 1);
            var update = await NextAsync(watch, cancellationToken);
            Assert.Equal((WatchRankingResponse.EventOneofCase.Update, version + i + 1, commune), (update.EventCase, update.Update.Version, update.Update.UnitCode));
            Assert.Equal(commune, update.Update.Entry.UnitCode);
        }

        return version + communes.Length;
    }

    /// <summary>Every commune writes <paramref name="perCommune"/> batches, all communes at once.</summary>
    private static Task SubmitFromEveryCommuneAsync(RunningServer server, int perCommune) =>
        Task.WhenAll(Communes.Select(async commune =>
        {
            for (var i = 0; i < perCommune; i++)
            {
                await SubmitAsync(server, commune, i);
            }
        }));

    private static Task SubmitAsync(RunningServer server, string commune, int n) =>
        Tiny.SubmitAsync(server, Tiny.SelfAssessment(commune, (n % 30) / 10m));

    private static async Task<Google.Protobuf.Collections.RepeatedField<RankingEntry>> RankingAsync(ApiClient client) =>
        (await client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = Province, Period = Rpc.Year(Year), PageSize = 1000 }).ResponseAsync).Entries;

    private static Task<ApiClient> SeedAsync(RunningServer server) => Tiny.SeedAsync(server);
}
