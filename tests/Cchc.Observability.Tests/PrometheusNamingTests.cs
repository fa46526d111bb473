using Cchc.Observability.Internal;

namespace Cchc.Observability.Tests;

/// <summary>OpenTelemetry instrument names and units become Prometheus names that promtool's linter accepts.</summary>
public sealed class PrometheusNamingTests
{
    [Theory]
    [InlineData("cchc.grain.calls", "{call}", "Counter", "cchc_grain_calls_total")]
    [InlineData("cchc.grain.call.duration", "s", "Histogram", "cchc_grain_call_duration_seconds")]
    [InlineData("http.server.request.duration", "ms", "Histogram", "http_server_request_duration_seconds")]
    [InlineData("dotnet.gc.heap.total_allocated", "By", "Counter", "dotnet_gc_heap_total_allocated_bytes_total")]
    [InlineData("dotnet.process.cpu.time", "s", "Counter", "dotnet_process_cpu_time_seconds_total")]
    [InlineData("dotnet.thread_pool.thread.count", "{thread}", "Gauge", "dotnet_thread_pool_threads")]
    [InlineData("dotnet.assembly.count", "{assembly}", "Gauge", "dotnet_assemblies")]
    [InlineData("jobs.count", null, "Gauge", "jobs_count_value")]
    [InlineData("requests.total", null, "Gauge", "requests_current")]
    [InlineData("cpu.utilization", "1", "Gauge", "cpu_utilization_ratio")]
    [InlineData("queue.wait_seconds", "s", "Histogram", "queue_wait_seconds")]
    [InlineData("net.rx", "By/s", "Gauge", "net_rx_bytes_per_second")]
    [InlineData("9.weird-name..x", null, "Gauge", "_9_weird_name_x")]
    public void Names_follow_the_prometheus_conventions(string instrument, string? unit, string type, string expected) =>
        Assert.Equal(expected, PrometheusNaming.MetricName(instrument, unit, Enum.Parse<PrometheusMetricType>(type)).Name);

    [Fact]
    public void Milliseconds_are_exported_as_seconds()
    {
        Assert.Equal(0.001, PrometheusNaming.MetricName("x", "ms", PrometheusMetricType.Histogram).Scale);
        Assert.Equal(1, PrometheusNaming.MetricName("x", "s", PrometheusMetricType.Histogram).Scale);
    }

    [Theory]
    [InlineData("grain.type", "grain_type")]
    [InlineData("error.type", "error_type")]
    [InlineData("__reserved", "_reserved")]
    [InlineData("a:b", "a_b")]
    public void Label_names_are_sanitized(string key, string expected) => Assert.Equal(expected, PrometheusNaming.LabelName(key));
}
