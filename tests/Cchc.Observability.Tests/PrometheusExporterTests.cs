using System.Diagnostics.Metrics;

namespace Cchc.Observability.Tests;

/// <summary>The exporter over meters of its own (a unique name per test), read back as exposition text.</summary>
public sealed class PrometheusExporterTests : IDisposable
{
    private readonly string _meterName = "Cchc.Test." + Guid.NewGuid().ToString("N");
    private readonly Meter _meter;
    private readonly PrometheusExporter _exporter;

    public PrometheusExporterTests()
    {
        _meter = new Meter(_meterName);
        _exporter = new PrometheusExporter(new PrometheusExporterOptions { MeterNames = [_meterName], MaxSeriesPerMetric = 3 });
    }

    public void Dispose()
    {
        _exporter.Dispose();
        _meter.Dispose();
    }

    [Fact]
    public void Counters_gauges_and_histograms_render_in_the_text_format_with_prometheus_names()
    {
        var calls = _meter.CreateCounter<long>("shop.orders.placed", "{order}", "Orders placed.");
        var queue = _meter.CreateUpDownCounter<int>("shop.queue.depth", "{order}", "Orders waiting.");
        var latency = _meter.CreateHistogram("shop.order.duration", "ms", "Order handling time.", tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [10, 100] });
        _meter.CreateObservableGauge("shop.memory.used", () => new Measurement<long>(2048, new KeyValuePair<string, object?>("pool", "main")), "By");

        calls.Add(2, new KeyValuePair<string, object?>("shop.region", "Hà Nội"), new KeyValuePair<string, object?>("status", "ok"));
        calls.Add(3, new KeyValuePair<string, object?>("status", "ok"), new KeyValuePair<string, object?>("shop.region", "Hà Nội"));
        queue.Add(5);
        queue.Add(-2);
        latency.Record(5);
        latency.Record(100);
        latency.Record(250);

        Assert.Equal("""
            # HELP shop_memory_used_bytes shop.memory.used (By), from meter METER.
            # TYPE shop_memory_used_bytes gauge
            shop_memory_used_bytes{pool="main"} 2048
            # HELP shop_order_duration_seconds Order handling time.
            # TYPE shop_order_duration_seconds histogram
            shop_order_duration_seconds_bucket{le="0.01"} 1
            shop_order_duration_seconds_bucket{le="0.1"} 2
            shop_order_duration_seconds_bucket{le="+Inf"} 3
            shop_order_duration_seconds_sum 0.355
            shop_order_duration_seconds_count 3
            # HELP shop_orders_placed_total Orders placed.
            # TYPE shop_orders_placed_total counter
            shop_orders_placed_total{shop_region="Hà Nội",status="ok"} 5
            # HELP shop_queue_depth Orders waiting.
            # TYPE shop_queue_depth gauge
            shop_queue_depth 3

            """.Replace("METER", _meterName, StringComparison.Ordinal), _exporter.Scrape());
    }

    [Fact]
    public void Label_values_escape_backslash_quote_and_newline_and_help_escapes_too()
    {
        var counter = _meter.CreateCounter<long>("odd.values", null, "Line one\nline \\two");
        counter.Add(1, new KeyValuePair<string, object?>("path", "C:\\data \"x\"\nend"), new KeyValuePair<string, object?>("9lives", 9));

        var text = _exporter.Scrape();

        Assert.Contains("# HELP odd_values_total Line one\\nline \\\\two\n", text, StringComparison.Ordinal);
        Assert.Contains("odd_values_total{_9lives=\"9\",path=\"C:\\\\data \\\"x\\\"\\nend\"} 1\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Observable_series_show_only_what_the_latest_scrape_observed()
    {
        var present = new List<string> { "a", "b" };
        _meter.CreateObservableUpDownCounter("jobs.running", () => present.Select(p => new Measurement<int>(1, new KeyValuePair<string, object?>("job", p))));

        Assert.Contains("jobs_running{job=\"b\"} 1\n", _exporter.Scrape(), StringComparison.Ordinal);
        present.Remove("b");
        var text = _exporter.Scrape();

        Assert.Contains("jobs_running{job=\"a\"} 1\n", text, StringComparison.Ordinal);
        Assert.DoesNotContain("job=\"b\"", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_meters_of_the_same_name_add_up_into_one_metric()
    {
        using var second = new Meter(_meterName);
        _meter.CreateCounter<long>("runtime.calls").Add(4);
        second.CreateCounter<long>("runtime.calls").Add(6);
        _meter.CreateObservableGauge("runtime.items", () => 1L);
        second.CreateObservableGauge("runtime.items", () => 2L);

        var text = _exporter.Scrape();

        Assert.Contains("runtime_calls_total 10\n", text, StringComparison.Ordinal);
        Assert.Contains("runtime_items 3\n", text, StringComparison.Ordinal);
        Assert.Single(text.Split('\n'), l => l == "# TYPE runtime_calls_total counter");
    }

    [Fact]
    public void Tag_sets_past_the_series_cap_are_counted_under_one_overflow_series()
    {
        var counter = _meter.CreateCounter<long>("capped");
        for (var i = 0; i < 10; i++)
        {
            counter.Add(1, new KeyValuePair<string, object?>("id", i));
        }

        var text = _exporter.Scrape();

        Assert.Equal(3, text.Split('\n').Count(l => l.StartsWith("capped_total{id=", StringComparison.Ordinal)));
        Assert.Contains("capped_total{otel_metric_overflow=\"true\"} 7\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void An_instrument_of_another_kind_under_a_taken_name_is_left_out_and_reported()
    {
        _meter.CreateCounter<long>("clash", "{x}").Add(1);
        using var other = new Meter(_meterName);
        other.CreateObservableCounter("clash", () => 5L);

        Assert.Contains($"{_meterName}/clash → clash_total", _exporter.SkippedInstruments);
        Assert.Contains("# TYPE clash_total counter\nclash_total 1\n", _exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_recording_loses_no_measurement()
    {
        var counter = _meter.CreateCounter<long>("hot.path");
        var histogram = _meter.CreateHistogram<double>("hot.latency", "s");
        const int threads = 4;
        const int each = 50_000;
        await Task.WhenAll(Enumerable.Range(0, threads).Select(t => Task.Run(() =>
        {
            var tag = new KeyValuePair<string, object?>("shard", t % 2);
            for (var i = 0; i < each; i++)
            {
                counter.Add(1, tag);
                histogram.Record(0.001, tag);
            }
        })));

        var text = _exporter.Scrape();

        Assert.Contains($"hot_path_total{{shard=\"0\"}} {threads / 2 * each}\n", text, StringComparison.Ordinal);
        Assert.Contains($"hot_path_total{{shard=\"1\"}} {threads / 2 * each}\n", text, StringComparison.Ordinal);
        Assert.Contains($"hot_latency_seconds_count{{shard=\"1\"}} {threads / 2 * each}\n", text, StringComparison.Ordinal);
        Assert.Contains($"hot_latency_seconds_bucket{{shard=\"1\",le=\"0.001\"}} {threads / 2 * each}\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Recording_into_a_known_series_allocates_nothing()
    {
        var counter = _meter.CreateCounter<long>("alloc.check");
        var histogram = _meter.CreateHistogram<double>("alloc.latency", "s");
        var tags = new KeyValuePair<string, object?>[] { new("grpc.method", "Check"), new("grpc.service", "x") };
        counter.Add(1, tags);
        histogram.Record(0.5, tags);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            counter.Add(1, tags);
            histogram.Record(0.5, tags);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        Assert.Contains("alloc_check_total{grpc_method=\"Check\",grpc_service=\"x\"} 1001\n", _exporter.Scrape(), StringComparison.Ordinal);
    }

    [Fact]
    public void Instruments_of_other_meters_are_not_exported()
    {
        using var foreign = new Meter("Cchc.Foreign." + Guid.NewGuid().ToString("N"));
        foreign.CreateCounter<long>("foreign.calls").Add(1);

        Assert.DoesNotContain("foreign", _exporter.Scrape(), StringComparison.Ordinal);
        Assert.DoesNotContain(_exporter.MetricNames, n => n.Contains("foreign", StringComparison.Ordinal));
    }
}
