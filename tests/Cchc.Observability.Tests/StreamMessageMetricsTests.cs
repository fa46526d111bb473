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
        }

        // A write is counted once it completes, which may be a moment after the client has read it.
        double counted;
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((counted = (await service.ScrapeTextAsync()).Value(Sent) - before) < received && !patience.IsCancellationRequested)
        {
            await Task.Yield();
        }

        Assert.Equal(5, received);
        Assert.Equal(received, counted);
    }
}
