using Cchc.Testing;

namespace Cchc.Observability.Tests;

/// <summary>The real promtool judges a real scrape of the running server, and the deploy/prometheus files.</summary>
[Collection(SharedMetersCollection.Name)]
public sealed class PromtoolTests
{
    [Fact]
    public async Task A_scrape_of_every_meter_passes_promtool_check_metrics_and_counts_the_calls_made()
    {
        await using var service = await LiveService.StartAsync();
        var before = await service.ScrapeTextAsync();
        await service.RunWorkloadAsync(healthChecks: 5);

        var (response, body) = await service.ScrapeAsync();
        var after = new Scrape(body);

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain; version=0.0.4", response.Content.Headers.ContentType!.ToString(), StringComparison.Ordinal);
        var check = await PrometheusTools.RunPromtoolAsync(["check", "metrics"], body);
        Assert.True(check.ExitCode == 0 && check.Output.Trim().Length == 0,
            $"promtool check metrics exited {check.ExitCode}:\n{check.Output}\n--- scrape ---\n{body}");

        // gRPC, counted by the server's interceptor: calls by service, method, type and code; time; stream messages.
        const string health = "grpc_method=\"Check\",grpc_service=\"grpc.health.v1.Health\",grpc_type=\"unary\"";
        double Delta(string series) => after.Value(series) - before.Value(series);
        Assert.Equal(5, Delta($"cchc_server_grpc_server_calls_handled{{grpc_code=\"OK\",{health}}}"));
        Assert.Equal(1, Delta($"cchc_server_grpc_server_calls_handled{{grpc_code=\"NOT_FOUND\",{health}}}"));
        Assert.Equal(6, Delta($"cchc_server_grpc_server_calls_started{{{health}}}"));
        Assert.Equal(0, after.Value($"cchc_server_grpc_server_calls_active{{{health}}}"));
        Assert.Equal(6, Delta($"cchc_server_grpc_server_call_duration_count{{{health}}}"));
        Assert.Equal(6, Delta($"cchc_server_grpc_server_call_duration_bucket{{{health},le=\"+Inf\"}}"));
        Assert.Equal(1, Delta("cchc_server_grpc_server_messages_sent{grpc_method=\"Watch\",grpc_service=\"grpc.health.v1.Health\",grpc_type=\"server_stream\"}"));
        Assert.Equal(6, Delta($"cchc_server_grpc_server_messages_received{{{health}}}"));

        // Orleans' own meters (grain calls, activations by grain type, grain storage), storage, rankings, ASP.NET Core
        // and the .NET runtime.
        Assert.Contains("# TYPE microsoft_orleans_orleans_app_requests_latency histogram\n", body, StringComparison.Ordinal);
        Assert.Contains("microsoft_orleans_orleans_grains{grain_type=\"commune\"}", body, StringComparison.Ordinal);
        Assert.Contains("microsoft_orleans_orleans_grains{grain_type=\"ranking\"}", body, StringComparison.Ordinal);
        Assert.Contains("# TYPE microsoft_orleans_orleans_storage_write_latency histogram\n", body, StringComparison.Ordinal);
        Assert.Contains("cchc_storage_cchc_storage_operation_duration_bucket{operation=\"append\"", body, StringComparison.Ordinal);
        Assert.Equal(2, Delta("cchc_storage_cchc_storage_audit_appends{provider=\"sqlite\"}"));
        Assert.Contains("# TYPE cchc_storage_cchc_storage_commit_batch_size histogram\n", body, StringComparison.Ordinal);
        Assert.Equal(4, Delta("cchc_rankings_cchc_ranking_updates_applied"));
        Assert.Equal(2, Delta("cchc_rankings_cchc_ranking_events_offered"));
        Assert.Equal(2, Delta("cchc_rankings_cchc_ranking_delivery_duration_count"));
        Assert.Equal(2, Delta("cchc_rankings_cchc_ranking_events_delivered"));
        Assert.Equal(0, after.Value("cchc_rankings_cchc_ranking_subscribers"));
        Assert.Contains("microsoft_aspnetcore_hosting_http_server_request_duration_bucket{", body, StringComparison.Ordinal);
        Assert.Contains("system_runtime_dotnet_gc_collections{", body, StringComparison.Ordinal);

        // Gauges named *.count would break promtool's rules; they are left out, not renamed.
        Assert.DoesNotContain("dotnet_thread_pool_thread_count", body, StringComparison.Ordinal);

        // Per-event detail nobody reads is not recorded (its cost is in every call); the rest of those meters stays.
        Assert.DoesNotContain("microsoft_aspnetcore_memorypool_", body, StringComparison.Ordinal);
        Assert.DoesNotContain("kestrel_queued_requests", body, StringComparison.Ordinal);
        Assert.DoesNotContain("aspnetcore_routing_match_attempts", body, StringComparison.Ordinal);
        Assert.DoesNotContain("http_server_active_requests", body, StringComparison.Ordinal);
        Assert.DoesNotContain("microsoft_orleans_orleans_directory_lookups_", body, StringComparison.Ordinal);
        Assert.Contains("microsoft_orleans_orleans_directory_registrations", body, StringComparison.Ordinal);
        Assert.Contains("kestrel_queued_connections", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_are_served_on_their_own_http1_listener_only()
    {
        await using var service = await LiveService.StartAsync();
        using var http = new HttpClient();

        var other = await http.GetAsync(new Uri(service.Host.MetricsAddress!, "/other"));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);

        // The gRPC listener speaks HTTP/2 only and serves no /metrics.
        using var h2 = new HttpClient { DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };
        var onGrpc = await h2.GetAsync(new Uri(service.Host.Address, "/metrics"));
        Assert.NotEqual(System.Net.HttpStatusCode.OK, onGrpc.StatusCode);
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
