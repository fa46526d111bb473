using System.Diagnostics;
using System.Text;
using Cchc.Testing;
using Grpc.Core;
using Grpc.Health.V1;

namespace Cchc.Server.Tests;

/// <summary>
/// The real cchc-server binary serves /metrics on its own HTTP/1.1 listener: promtool accepts a real scrape, and
/// a real Prometheus scraping it sees exactly the calls this test made (its own process, so no other test counts).
/// </summary>
public sealed class MetricsTests : IDisposable
{
    private readonly string _dataDir = Path.Combine(Path.GetTempPath(), "cchc-metrics-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dataDir))
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    [Fact]
    public async Task A_scrape_of_the_running_server_passes_promtool_and_prometheus_sees_the_calls_made()
    {
        var (grpcPort, metricsPort) = (LoopbackPort.Free(), LoopbackPort.Free());
        using var server = Process.Start(new ProcessStartInfo("dotnet",
            [TestPaths.ServerDll(), "--listen", $"127.0.0.1:{grpcPort}", "--metrics-listen", $"127.0.0.1:{metricsPort}", "--data-dir", _dataDir])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            WorkingDirectory = Path.GetTempPath(),
        })!;
        try
        {
            Assert.StartsWith("cchc-server listening", await server.StandardOutput.ReadLineAsync() ?? "", StringComparison.Ordinal);
            using (var client = new ApiClient(new Uri($"http://127.0.0.1:{grpcPort}/")))
            {
                for (var i = 0; i < 9; i++)
                {
                    Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await client.Health.CheckAsync(new HealthCheckRequest())).Status);
                }

                var unknown = await Assert.ThrowsAsync<RpcException>(() => client.Health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }).ResponseAsync);
                Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
            }

            using var http = new HttpClient();
            var scrape = await http.GetStringAsync($"http://127.0.0.1:{metricsPort}/metrics");
            // prometheus-net names a metric by its meter and instrument, and exposes counters as gauges.
            Assert.Contains("cchc_server_grpc_server_calls_handled{", scrape, StringComparison.Ordinal);
            Assert.Contains("cchc_storage_cchc_storage_operation_duration_bucket{", scrape, StringComparison.Ordinal);
            Assert.Contains("system_runtime_dotnet_gc_collections{", scrape, StringComparison.Ordinal);
            Assert.Contains("microsoft_aspnetcore_hosting_http_server_request_duration_bucket{", scrape, StringComparison.Ordinal);
            var (exit, output) = await PrometheusTools.RunPromtoolAsync(["check", "metrics"], scrape);
            Assert.True(exit == 0, $"promtool check metrics failed on the server's scrape:\n{output}");

            await using var prometheus = await PrometheusProcess.StartAsync(metricsPort);
            Assert.Equal(9, await prometheus.WaitForValueAsync(
                "cchc_server_grpc_server_calls_handled{job=\"cchc\",grpc_service=\"grpc.health.v1.Health\",grpc_method=\"Check\",grpc_code=\"OK\"}", 9));
            Assert.Equal(1, await prometheus.WaitForValueAsync(
                "cchc_server_grpc_server_calls_handled{job=\"cchc\",grpc_method=\"Check\",grpc_code=\"NOT_FOUND\"}", 1));
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }
}
