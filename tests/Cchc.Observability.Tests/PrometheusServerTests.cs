using Cchc.Testing;
using Grpc.Health.V1;

namespace Cchc.Observability.Tests;

/// <summary>A real Prometheus scrapes the server's /metrics listener and answers queries about what the test did.</summary>
[Collection(SharedMetersCollection.Name)]
public sealed class PrometheusServerTests
{
    [Fact]
    public async Task Prometheus_scrapes_the_metrics_listener_and_sees_the_calls_the_test_made()
    {
        await using var service = await LiveService.StartAsync();
        var before = await service.ScrapeTextAsync();
        const string checks = "cchc_server_grpc_server_calls_handled{grpc_code=\"OK\",grpc_method=\"Check\",grpc_service=\"grpc.health.v1.Health\",grpc_type=\"unary\"}";
        const string updates = "cchc_rankings_cchc_ranking_updates_applied";
        await using var prometheus = await PrometheusProcess.StartAsync(service.Host.MetricsAddress!.Port);

        for (var i = 0; i < 7; i++)
        {
            await service.Health.CheckAsync(new HealthCheckRequest());
        }

        await service.ActivateRankingsAsync();
        await service.SubmitAsync(LiveService.CommuneCodes[0], 61.5m);

        Assert.Equal(1, await prometheus.WaitForValueAsync("up{job=\"cchc\"}", 1));
        // prometheus-net's registry is process-wide: earlier tests in this process counted too.
        var checked7 = before.Value(checks) + 7;
        Assert.Equal(checked7, await prometheus.WaitForValueAsync(
            "cchc_server_grpc_server_calls_handled{job=\"cchc\",grpc_service=\"grpc.health.v1.Health\",grpc_method=\"Check\",grpc_code=\"OK\"}", checked7));
        var applied2 = before.Value(updates) + 2;
        Assert.Equal(applied2, await prometheus.WaitForValueAsync("sum(cchc_rankings_cchc_ranking_updates_applied{job=\"cchc\"})", applied2));
    }
}
