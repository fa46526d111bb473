using Cchc.LoadGen.Capacity;

namespace Cchc.LoadGen.Tests;

public sealed class CapacityArithmeticTests
{
    // Lines as prometheus-net 8.2.1 writes them on cchc-server's /metrics (taken from a real scrape, values changed).
    private const string Before = """
        # HELP dotnet_total_memory_bytes Total known allocated memory
        # TYPE dotnet_total_memory_bytes gauge
        dotnet_total_memory_bytes 30000000
        process_working_set_bytes 180000000
        process_private_memory_bytes 260000000
        system_runtime_dotnet_gc_collections{gc_heap_generation="gen2"} 7
        system_runtime_dotnet_gc_collections{gc_heap_generation="gen1"} 9
        microsoft_orleans_orleans_catalog_activations{grain_type="sys.svc.catalog"} 1
        microsoft_orleans_orleans_catalog_activations{grain_type="unit"} 60
        microsoft_orleans_orleans_catalog_activations{grain_type="commune"} 38
        microsoft_orleans_orleans_catalog_activations{grain_type="publication"} 1
        cchc_rankings_cchc_ranking_subscribers 0
        cchc_rankings_cchc_ranking_events_delivered 1200
        cchc_rankings_cchc_ranking_delivery_duration_sum 0.5
        cchc_rankings_cchc_ranking_delivery_duration_count 90
        cchc_rankings_cchc_ranking_delivery_duration_bucket{le="+Inf"} 90
        """;

    private const string After = """
        dotnet_total_memory_bytes 41923992
        process_working_set_bytes 235582720
        process_private_memory_bytes 300000000
        system_runtime_dotnet_gc_collections{gc_heap_generation="gen2"} 9
        microsoft_orleans_orleans_catalog_activations{grain_type="sys.svc.catalog"} 1
        microsoft_orleans_orleans_catalog_activations{grain_type="unit"} 60
        microsoft_orleans_orleans_catalog_activations{grain_type="commune"} 123
        microsoft_orleans_orleans_catalog_activations{grain_type="publication"} 3
        microsoft_orleans_orleans_catalog_activations{grain_type="ranking"} 2
        cchc_rankings_cchc_ranking_subscribers 20
        cchc_rankings_cchc_ranking_events_delivered 1700
        cchc_rankings_cchc_ranking_delivery_duration_count 120
        """;

    [Fact]
    public void A_scrape_yields_memory_collections_deliveries_and_activations_by_grain_type()
    {
        var scrape = MetricsSnapshot.Parse(Before);

        Assert.Equal(30_000_000, scrape.ManagedBytes);
        Assert.Equal(180_000_000, scrape.WorkingSetBytes);
        Assert.Equal(260_000_000, scrape.PrivateBytes);
        Assert.Equal(7, scrape.FullCollections);
        Assert.Equal(1200, scrape.Deliveries);
        Assert.Equal(0.5, scrape.Value("cchc_rankings_cchc_ranking_delivery_duration_sum"));
        Assert.Equal(double.PositiveInfinity, MetricsSnapshot.Parse("x{le=\"+Inf\"} +Inf").Value("x{le=\"+Inf\"}"));
        Assert.Equal(
            new Dictionary<string, long> { ["sys.svc.catalog"] = 1, ["unit"] = 60, ["commune"] = 38, ["publication"] = 1 },
            scrape.Activations());
    }

    [Fact]
    public void A_step_counts_what_it_activated_and_the_heap_it_added()
    {
        var step = MemoryStep.Between("commune", "commune", MetricsSnapshot.Parse(Before), MetricsSnapshot.Parse(After));

        // 123 − 38 communes, 3 − 1 publications, 2 new rankings, 20 watchers; unit and system grains did not move.
        Assert.Equal(new Dictionary<string, long> { ["commune"] = 85, ["publication"] = 2, ["ranking"] = 2, [MemoryStep.WatcherKind] = 20 }, step.Added);
        Assert.Equal(85, step.Count);
        Assert.Equal(41_923_992 - 30_000_000, step.ManagedBytes);
        Assert.Equal(235_582_720 - 180_000_000, step.WorkingSetBytes);
    }

    [Fact]
    public void Bytes_per_activation_divide_each_steps_growth_by_its_own_kinds_count_and_name_the_rest()
    {
        MemoryStep[] steps =
        [
            new("unit", "unit", new Dictionary<string, long> { ["unit"] = 10_806 }, 41_531_000, 9_000_000),
            new("commune", "commune", new Dictionary<string, long> { ["commune"] = 85, ["publication"] = 2 }, 11_923_992, 55_582_720),
            new("watchers.10000", MemoryStep.WatcherKind, new Dictionary<string, long> { [MemoryStep.WatcherKind] = 8000 }, 120_004_000, -4_000_000),
        ];

        var costs = KindAttribution.Attribute(steps);

        Assert.Equal(3843, costs[0].BytesPerActivation);          // 41,531,000 / 10,806 = 3,843.33
        Assert.Equal(140_282, costs[1].BytesPerActivation);       // 11,923,992 / 85 = 140,282.26
        Assert.Equal(653_914, costs[1].WorkingSetBytesPerActivation); // 55,582,720 / 85 = 653,914.35
        Assert.Equal(["2 publication"], costs[1].AlsoActivated);
        Assert.Equal(15_001, costs[2].BytesPerActivation);        // 120,004,000 / 8,000 = 15,000.5, half away from zero
        Assert.Equal(-500, costs[2].WorkingSetBytesPerActivation);
        Assert.Empty(costs[0].AlsoActivated);
    }

    [Fact]
    public void A_step_that_activated_none_of_its_kind_is_an_error_not_a_figure()
    {
        MemoryStep[] steps = [new("ranking", "ranking", new Dictionary<string, long> { ["publication"] = 16 }, 1000, 0)];

        var error = Assert.Throws<BenchException>(() => KindAttribution.Attribute(steps));
        Assert.Contains("activated no ranking", error.Message, StringComparison.Ordinal);
        Assert.Contains("publication +16", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Publication_day_deliveries_weigh_each_province_by_its_share_of_communes_twice()
    {
        // Shares 1/4 and 3/4: 8 writes/s × 100 watchers × (1/16 + 9/16) = 500 deliveries/s.
        Assert.Equal(500, PublicationDay.DeliveriesPerSecond([1, 3], watchers: 100, writesPerSecond: 8), 9);

        // Equal provinces: Σ share² = 1/n, so 63 equal provinces give writes × watchers / 63.
        Assert.Equal(31.7 * 100_000 / 63, PublicationDay.DeliveriesPerSecond([.. Enumerable.Repeat(159, 63)], 100_000, 31.7), 6);

        // 10,047 communes × 89 items in 8 h = 894,183 / 28,800 s.
        Assert.Equal(31.0480208333, PublicationDay.WritesPerSecond(10_047, 89, TimeSpan.FromHours(8)), 9);
    }

    [Fact]
    public void The_silos_needed_are_the_largest_of_the_watcher_memory_and_fan_out_bounds()
    {
        const long MiB = 1024 * 1024;

        var plan = SiloPlan.For(watchers: 100_000, maxWatchersPerSilo: 10_000, idleSiloBytes: 200 * MiB, grainBytes: 3000 * MiB,
            bytesPerWatcher: 20_000, memoryBudgetBytes: 1024 * MiB, deliveriesNeeded: 2_200_000, deliveriesPerSilo: 100_000);

        Assert.Equal(10, plan.ByWatcherLimit);                    // 100,000 / 10,000
        Assert.Equal(6, plan.ByMemory);                           // (3000 MiB + 2,000,000,000 B) / 824 MiB = 5.96 → 6
        Assert.Equal(22, plan.ByFanout);                          // 2,200,000 / 100,000
        Assert.Equal(22, plan.Silos);
        Assert.Equal((200 * MiB) + (long)Math.Ceiling(((3000 * MiB) + 2_000_000_000L) / 22.0), plan.MemoryPerSiloBytes);

        var watcherBound = SiloPlan.For(100_001, 10_000, 200 * MiB, 0, 0, 1024 * MiB, 1, 100_000);
        Assert.Equal(11, watcherBound.Silos);
        Assert.Throws<ArgumentOutOfRangeException>(() => SiloPlan.For(1, 10_000, 2 * MiB, 0, 0, MiB, 1, 1));
    }
}
