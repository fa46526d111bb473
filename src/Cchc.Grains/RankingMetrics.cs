using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Cchc.Grains;

/// <summary>
/// Owns the "Cchc.Rankings" meter: updates applied to live rankings, updates offered to and delivered to watchers,
/// resync snapshots sent instead of a gap, live watchers, and update-to-delivery latency (once per burst of messages a watcher reads together). Static, like Npgsql's
/// metrics reporter: grains and the per-silo hub share one meter per process.
/// </summary>
/// <remarks>
/// The counts are running totals that observable instruments report when the meter is collected (a scrape), as Npgsql
/// reports its own: prometheus-net records each measurement of a plain counter with a lease and a label lookup under a
/// lock, and these are counted on every write and every watcher's read.
/// </remarks>
public static class RankingMetrics
{
    public const string MeterName = "Cchc.Rankings";

    /// <summary>Commune summaries that changed a ranking (counter).</summary>
    public const string UpdatesApplied = "cchc.ranking.updates.applied";

    /// <summary>Ranking updates handed to watchers' buffers, one per watcher (counter).</summary>
    public const string EventsOffered = "cchc.ranking.events.offered";

    /// <summary>Ranking updates read by watchers, one per watcher (counter).</summary>
    public const string EventsDelivered = "cchc.ranking.events.delivered";

    /// <summary>Resync snapshots sent to watchers (buffer full, gap, rebuilt or moved ranking) (counter).</summary>
    public const string Resyncs = "cchc.ranking.resyncs";

    /// <summary>Watchers subscribed now (observable up-down counter).</summary>
    public const string Subscribers = "cchc.ranking.subscribers";

    /// <summary>
    /// Time from a ranking change to a watcher reading it, seconds (histogram): once per burst of messages a watcher
    /// reads together (one message, unless it fell behind), the wait of their oldest update, so its count is bursts;
    /// <see cref="EventsDelivered"/> counts the updates.
    /// </summary>
    public const string DeliveryDuration = "cchc.ranking.delivery.duration";

    /// <summary>In-process delivery takes microseconds; a slow watcher's buffer (up to 1024 updates) takes longer.</summary>
    public static readonly IReadOnlyList<double> DeliveryBuckets =
        [0.00005, 0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5, 30];

    private static readonly Meter RankingMeter = new(MeterName);
    private static readonly Histogram<double> Delivery = RankingMeter.CreateHistogram(DeliveryDuration, "s",
        "Time from a ranking change to a watcher reading it, once per burst of messages read together: its oldest update's.", tags: null,
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = DeliveryBuckets });

    private static long _applied;
    private static long _offered;
    private static long _delivered;
    private static long _resyncs;
    private static long _subscribers;

#pragma warning disable CA1810 // The observables need the count fields; a static constructor keeps the order plain.
    static RankingMetrics()
    {
        RankingMeter.CreateObservableCounter(UpdatesApplied, () => Interlocked.Read(ref _applied), "{update}", "Commune summaries that changed a live ranking.");
        RankingMeter.CreateObservableCounter(EventsOffered, () => Interlocked.Read(ref _offered), "{event}", "Ranking events queued for watchers, one per watcher.");
        RankingMeter.CreateObservableCounter(EventsDelivered, () => Interlocked.Read(ref _delivered), "{event}", "Ranking events read by watchers, one per watcher.");
        RankingMeter.CreateObservableCounter(Resyncs, () => Interlocked.Read(ref _resyncs), "{subscription}", "Resync snapshots sent to watchers instead of a gap.");
        RankingMeter.CreateObservableUpDownCounter(Subscribers, () => Interlocked.Read(ref _subscribers), "{subscription}",
            "Watchers of live rankings now.");
    }
#pragma warning restore CA1810

    public static Meter Meter => RankingMeter;

    internal static void UpdateApplied() => Interlocked.Increment(ref _applied);

    internal static void Queued(int count)
    {
        if (count > 0)
        {
            Interlocked.Add(ref _offered, count);
        }
    }

    internal static void Resynced() => Interlocked.Increment(ref _resyncs);

    internal static void SubscriberAdded() => Interlocked.Increment(ref _subscribers);

    internal static void SubscriberRemoved() => Interlocked.Decrement(ref _subscribers);

    internal static long Timestamp() => Stopwatch.GetTimestamp();

    /// <summary>
    /// One burst of messages read (<see cref="Ranking.DeliveryTally"/>): <paramref name="updates"/> updates, the oldest
    /// queued at <paramref name="oldestOfferedAt"/>. One measurement per burst rather than one per update: at a
    /// thousand watchers, recording each update's delivery cost about a tenth of the server's CPU
    /// (<c>deploy/bench/README.md</c>).
    /// </summary>
    internal static void Delivered(long oldestOfferedAt, int updates)
    {
        Interlocked.Add(ref _delivered, updates);
        if (Delivery.Enabled)
        {
            Delivery.Record(Stopwatch.GetElapsedTime(oldestOfferedAt).TotalSeconds);
        }
    }
}
