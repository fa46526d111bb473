using Cchc.Api.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.Observability.Tests;

/// <summary>
/// The interceptor counts each message a server stream writes once. A ranking watch's writes complete at once (the
/// stream flushes apart from them), the path the interceptor counts without awaiting: with that count left out, none
/// of this test's five messages is counted.
/// </summary>
[Collection(SharedMetersCollection.Name)]
public sealed class StreamMessageMetricsTests
{
    private const string Sent =
        "cchc_server_grpc_server_messages_sent{grpc_method=\"WatchRanking\",grpc_service=\"cchc.v1.RankingService\",grpc_type=\"server_stream\"}";

    [Fact]
    public async Task Every_message_of_a_ranking_watch_is_counted_once()
    {
        await using var service = await LiveService.StartAsync();
        await service.ActivateRankingsAsync();
        var before = (await service.ScrapeTextAsync()).Value(Sent);
        using var channel = GrpcChannel.ForAddress(service.Host.Address);
        var client = new RankingService.RankingServiceClient(channel);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var received = 0;
        using (var watch = client.WatchRanking(
            new WatchRankingRequest { ScopeCode = LiveService.Province, Period = new Period { Year = LiveService.Year, Kind = PeriodKind.Year } },
            cancellationToken: stop.Token))
        {
            Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
            Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, watch.ResponseStream.Current.EventCase);
            received++;
            var points = 30m;
            foreach (var code in LiveService.CommuneCodes.Concat(LiveService.CommuneCodes))
            {
                await service.SubmitAsync(code, points += 5);
                Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
                Assert.Equal(code, watch.ResponseStream.Current.Update.UnitCode);
                received++;
            }

            Assert.Equal(5, received);
            Assert.Equal(received, await CountedAsync(service, before, received));
        }
    }

    [Fact]
    public async Task Messages_written_without_a_flush_are_counted_with_the_write_that_flushes_them()
    {
        await using var service = await LiveService.StartAsync();
        await service.ActivateRankingsAsync();
        var points = 30m;
        foreach (var code in LiveService.CommuneCodes.Concat(LiveService.CommuneCodes))
        {
            await service.SubmitAsync(code, points += 5);
        }

        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        while ((await service.Ranking.GetRankingAsync(null, 0, 0)).Version < 4)
        {
            stop.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }

        var before = (await service.ScrapeTextAsync()).Value(Sent);
        using var channel = GrpcChannel.ForAddress(service.Host.Address);
        var client = new RankingService.RankingServiceClient(channel);

        // Resuming after version 1, one update to a message: versions 2 to 4 are all waiting, so the first two are
        // written without a flush and the third flushes all three.
        var versions = new List<long>();
        using (var watch = client.WatchRanking(
            new WatchRankingRequest
            {
                ScopeCode = LiveService.Province,
                Period = new Period { Year = LiveService.Year, Kind = PeriodKind.Year },
                ResumeAfterVersion = 1,
                MaxUpdatesPerMessage = 1,
            },
            cancellationToken: stop.Token))
        {
            while (versions.Count < 3)
            {
                Assert.True(await watch.ResponseStream.MoveNext(stop.Token));
                Assert.Equal(WatchRankingResponse.EventOneofCase.Update, watch.ResponseStream.Current.EventCase);
                versions.Add(watch.ResponseStream.Current.Update.Version);
            }

            Assert.Equal([2L, 3, 4], versions);
            Assert.Equal(3, await CountedAsync(service, before, versions.Count));
        }
    }

    // The messages counted since before, once at least the expected number are or after 30 s. Called while the watch
    // is open: a message is counted when its write completes, not when the call ends, though that may be a moment after
    // the client has read it.
    private static async Task<double> CountedAsync(LiveService service, double before, int expected)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        double counted;
        while ((counted = (await service.ScrapeTextAsync()).Value(Sent) - before) < expected && !patience.IsCancellationRequested)
        {
            await Task.Yield();
        }

        return counted;
    }
}
