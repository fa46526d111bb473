using Cchc.Testing;
using System.Diagnostics;
using System.Globalization;

namespace Cchc.Observability.Tests;

/// <summary>The real promtool judges a real scrape of every meter, and the deploy/prometheus files.</summary>
[Collection(SharedMetersCollection.Name)]
public sealed class PromtoolTests
{
    [Fact]
    public async Task A_scrape_of_every_meter_passes_promtool_check_metrics()
    {
        await using var service = await LiveService.StartAsync();
        await service.RunWorkloadAsync(healthChecks: 5);

        var (response, body) = await service.ScrapeAsync();

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType!.ToString());
        var check = await PrometheusTools.RunPromtoolAsync(["check", "metrics"], body);
        Assert.True(check.ExitCode == 0 && check.Output.Trim().Length == 0,
            $"promtool check metrics exited {check.ExitCode}:\n{check.Output}\n--- scrape ---\n{body}");

        // gRPC: calls by service, method, type and code; handling time; messages on the stream.
        const string health = "grpc_method=\"Check\",grpc_service=\"grpc.health.v1.Health\",grpc_type=\"unary\"";
        Assert.Contains($"grpc_server_calls_handled_total{{grpc_code=\"OK\",{health}}} 5\n", body, StringComparison.Ordinal);
        Assert.Contains($"grpc_server_calls_handled_total{{grpc_code=\"NOT_FOUND\",{health}}} 1\n", body, StringComparison.Ordinal);
        Assert.Contains($"grpc_server_calls_started_total{{{health}}} 6\n", body, StringComparison.Ordinal);
        Assert.Contains($"grpc_server_calls_active{{{health}}} 0\n", body, StringComparison.Ordinal);
        Assert.Contains($"grpc_server_call_duration_seconds_count{{{health}}} 6\n", body, StringComparison.Ordinal);
        Assert.Contains($"grpc_server_call_duration_seconds_bucket{{{health},le=\"+Inf\"}} 6\n", body, StringComparison.Ordinal);
        Assert.Contains("grpc_server_messages_sent_total{grpc_method=\"Watch\",grpc_service=\"grpc.health.v1.Health\",grpc_type=\"server_stream\"} 1\n",
            body, StringComparison.Ordinal);
        Assert.Contains($"grpc_server_messages_received_total{{{health}}} 6\n", body, StringComparison.Ordinal);

        // Grains, storage, rankings, and the .NET runtime.
        Assert.Contains("# TYPE cchc_grain_calls_total counter\n", body, StringComparison.Ordinal);
        Assert.Contains("cchc_grain_activations{grain_type=", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE cchc_grain_call_duration_seconds histogram\n", body, StringComparison.Ordinal);
        Assert.Contains("cchc_grain_activations_created_total{grain_type=", body, StringComparison.Ordinal);
        Assert.Contains("cchc_grain_mailbox_depth{grain_type=", body, StringComparison.Ordinal);
        Assert.Contains("cchc_storage_operation_duration_seconds_bucket{operation=\"write_with_audit\"", body, StringComparison.Ordinal);
        Assert.Contains("cchc_storage_audit_appends_total{provider=\"sqlite\"} 2\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE cchc_storage_commit_batch_size histogram\n", body, StringComparison.Ordinal);
        Assert.Contains("cchc_ranking_updates_applied_total 4\n", body, StringComparison.Ordinal);
        Assert.Contains("cchc_ranking_events_offered_total 2\n", body, StringComparison.Ordinal);
        Assert.Contains("cchc_ranking_delivery_duration_seconds_count 2\n", body, StringComparison.Ordinal);
        Assert.Contains("cchc_ranking_subscribers 0\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_process_cpu_time_seconds_total counter\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_process_memory_working_set_bytes gauge\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_gc_collections_total counter\n", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE dotnet_thread_pool_threads gauge\n", body, StringComparison.Ordinal);

        // For the report: how long one scrape of all of it takes, warm.
        var watch = Stopwatch.StartNew();
        const int scrapes = 20;
        for (var i = 0; i < scrapes; i++)
        {
            _ = service.Exporter.Scrape();
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"scrape: {body.Length} bytes, {body.Split('\n').Count(l => l.Length > 0 && l[0] != '#')} samples, " +
            $"{watch.Elapsed.TotalMilliseconds / scrapes:F2} ms each"));
    }

    [Fact]
    public async Task The_deploy_configuration_and_alert_rules_pass_promtool()
    {
        var dir = Repo.DeployPrometheus;

        var config = await PrometheusTools.RunPromtoolAsync(["check", "config", Path.Combine(dir, "prometheus.yml")]);
        var rules = await PrometheusTools.RunPromtoolAsync(["check", "rules", Path.Combine(dir, "alerts.yml")]);
        var unit = await PrometheusTools.RunPromtoolAsync(["test", "rules", Path.Combine(dir, "alerts.test.yml")]);

        Assert.True(config.ExitCode == 0, $"promtool check config:\n{config.Output}");
        Assert.Contains("SUCCESS: 1 rule files found", config.Output, StringComparison.Ordinal);
        Assert.True(rules.ExitCode == 0, $"promtool check rules:\n{rules.Output}");
        Assert.True(unit.ExitCode == 0, $"promtool test rules:\n{unit.Output}");
    }
}
