namespace Cchc.Grains.Ranking;

/// <summary>The bounds of live watching; every one has a stated behaviour when reached.</summary>
public sealed class RankingWatchOptions
{
    /// <summary>
    /// Updates buffered per watcher (per gRPC stream). When a slow watcher's buffer is full, further updates for it
    /// are dropped and it is sent a fresh snapshot (a resync) as soon as it reads again: never a silent gap.
    /// </summary>
    public int WatcherBufferCapacity { get; set; } = 1024;

    /// <summary>Watchers on one silo. One more is refused with RESOURCE_EXHAUSTED ("retry later").</summary>
    public int MaxWatchersPerSilo { get; set; } = 10_000;

    /// <summary>Changes a ranking keeps for resuming watchers; one resuming from further back gets a snapshot.</summary>
    public int HistoryLength { get; set; } = 4096;

    /// <summary>
    /// Changes a ranking keeps while no hub subscribes to it (at most <see cref="HistoryLength"/>): enough for a client
    /// that reads the ranking and then watches from its version, or reconnects within seconds. Full histories of every
    /// scope written during the season held 86,000 changes, 180 MB of the heap, after 29,000 national appraisal writes
    /// that nobody watched; a resume from further back gets a snapshot.
    /// </summary>
    public int UnwatchedHistoryLength { get; set; } = 16;

    /// <summary>A hub's subscription to a ranking lapses after this without renewal (a silo that died stops being called).</summary>
    public TimeSpan SubscriptionExpiry { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>How often a hub renews its subscriptions; well inside the expiry and the idle collection age.</summary>
    public TimeSpan RenewEvery { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How soon a failed renewal is tried again (the ranking's silo died and the cluster is placing it anew); its
    /// watchers resync meanwhile.
    /// </summary>
    public TimeSpan RetryRenewalAfter { get; set; } = TimeSpan.FromSeconds(1);
}
