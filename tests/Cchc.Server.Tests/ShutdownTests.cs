using Cchc.Api.V1;
using Grpc.Core;
using Grpc.Health.V1;
using static Cchc.Server.Tests.TwoProvinces;

namespace Cchc.Server.Tests;

/// <summary>A graceful stop ends live watches with a status that tells the client how to continue, and health stops serving.</summary>
public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_ends_a_live_watch_with_unavailable_saying_to_resume_by_version()
    {
        await using var server = await RunningServer.StartAsync();
        var admin = server.ClientAs(TestTokens.ProvinceAdmin(Home));
        await admin.Registry.ImportUnitsAsync(Units(Home));
        await admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Home, Year));
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var watch = admin.Ranking.WatchRanking(new WatchRankingRequest { ScopeCode = Home, Period = Rpc.Year(Year) }, cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, watch.ResponseStream.Current.EventCase);

        var stopping = server.Host.StopAsync(timeout.Token);
        var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(timeout.Token));
        await stopping;

        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Equal("The server is shutting down; watch again, on another server of the cluster if there is one, with resume_after_version to continue.", ended.Status.Detail);
    }

    [Fact]
    public async Task A_health_watch_ends_not_serving_when_the_server_stops()
    {
        await using var server = await RunningServer.StartAsync();
        var client = server.Anonymous();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        using var watch = client.Health.Watch(new HealthCheckRequest { Service = "cchc.v1.ScoringService" }, cancellationToken: timeout.Token);
        Assert.True(await watch.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, watch.ResponseStream.Current.Status);

        var stopping = server.Host.StopAsync(timeout.Token);
        var statuses = new List<HealthCheckResponse.Types.ServingStatus>();
        while (await watch.ResponseStream.MoveNext(timeout.Token))
        {
            statuses.Add(watch.ResponseStream.Current.Status);
        }

        await stopping;
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.NotServing, statuses[^1]);
    }
}
