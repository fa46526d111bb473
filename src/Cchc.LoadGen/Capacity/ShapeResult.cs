namespace Cchc.LoadGen.Capacity;

/// <summary>What one shape's run measured: its units, its steps, the silo's totals and the fan-out probe.</summary>
internal sealed record ShapeResult(
    Shape Shape,
    IReadOnlyList<int> CommunesPerProvince,
    IReadOnlyList<int> ShapeCommunesPerProvince,
    int Districts,
    MetricsSnapshot Idle,
    MetricsSnapshot Baseline,
    MetricsSnapshot BeforeWatchers,
    MetricsSnapshot Final,
    IReadOnlyList<MemoryStep> Steps,
    IReadOnlyList<KindCost> Costs,
    IReadOnlyList<FanoutPoint> Fanout)
{
    public int Communes => CommunesPerProvince.Sum();

    /// <summary>The managed heap every measured grain added (the steps before the watchers).</summary>
    public long GrainManagedBytes => BeforeWatchers.ManagedBytes - Baseline.ManagedBytes;

    public long GrainWorkingSetBytes => BeforeWatchers.WorkingSetBytes - Baseline.WorkingSetBytes;

    /// <summary>The last watcher step's cost per watcher: the most watchers, so the least noise.</summary>
    public KindCost? Watcher => Costs.LastOrDefault(c => c.Kind == MemoryStep.WatcherKind);

    /// <summary>The most deliveries/s a probe rate carried with no watcher cut off for falling behind.</summary>
    public FanoutPoint? BestFanout => Fanout.Where(p => p.Resyncs == 0).MaxBy(p => p.DeliveredPerSecond);
}
