using Cchc.Testing;
using Grpc.Health.V1;

namespace Cchc.Observability.Tests;

/// <summary>A real Prometheus scrapes the exporter's listener and answers queries about what the test did.</summary>
[Collection(SharedMetersCollection.Name)]
public sealed class PrometheusServerTests
{
    [Fact]
    public async Task Prometheus_scrapes_the_metrics_listener_and_sees_the_calls_the_test_made()
    {
        await using var service = await LiveService.StartAsync();
        await using var prometheus = await PrometheusProcess.StartAsync(service.Endpoint.Port);

        for (var i = 0; i < 7; i++)
        {
            await service.Client.UnaryAsync(LiveService.Check, new HealthCheckRequest());
        }

        await service.ActivateRankingsAsync();
        await service.SubmitAsync(LiveService.CommuneCodes[0], 61.5m);

        Assert.Equal(1, await prometheus.WaitForValueAsync("up{job=\"cchc\"}", 1));
        Assert.Equal(7, await prometheus.WaitForValueAsync(
            "grpc_server_calls_handled_total{job=\"cchc\",grpc_service=\"grpc.health.v1.Health\",grpc_method=\"Check\",grpc_code=\"OK\"}", 7));
        Assert.Equal(2, await prometheus.WaitForValueAsync("sum(cchc_ranking_updates_applied_total{job=\"cchc\"})", 2));
        Assert.Equal(7, await prometheus.WaitForValueAsync(
            "sum(grpc_server_call_duration_seconds_count{job=\"cchc\",grpc_method=\"Check\"})", 7));
    }
}
