namespace Cchc.Grains.Maintenance;

/// <summary>How idempotency records are pruned: the retention and batch size come from the storage options.</summary>
public sealed class IdempotencyPruningOptions
{
    /// <summary>Records older than this are deleted; a retry carrying such a key is treated as a new request.</summary>
    public TimeSpan Retention { get; set; } = Cchc.Storage.StorageOptions.DefaultIdempotencyRetention;

    /// <summary>Records deleted per transaction, so no pass holds the database's write lock for long.</summary>
    public int BatchSize { get; set; } = 1000;

    /// <summary>Batches one pass deletes at most; a larger backlog is taken by the next passes.</summary>
    public int MaxBatchesPerPass { get; set; } = 100;

    /// <summary>How often the reminder fires (Orleans' floor for a reminder's period is one minute).</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromHours(1);

    /// <summary>When the first pass runs after the reminder is first registered.</summary>
    public TimeSpan FirstDue { get; set; } = TimeSpan.FromMinutes(1);
}
