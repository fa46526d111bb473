namespace Cchc.Storage;

/// <summary>
/// The score event store: each commune's period is a stream of accepted batches whose events are the audit
/// entries, appended with their idempotency record (and now and then a snapshot) in one transaction under an
/// optimistic version check. Other grain state is Orleans' business (its ADO.NET provider, same database).
/// </summary>
public interface IScoreStorage : IAsyncDisposable
{
    /// <summary>"sqlite" or "postgresql": the provider tag on metrics and health reports.</summary>
    string ProviderName { get; }

    /// <summary>
    /// Creates or upgrades the schema from the embedded versioned scripts. Idempotent; safe when several
    /// processes start at once.
    /// </summary>
    Task MigrateAsync(CancellationToken cancellationToken = default);

    /// <summary>True when the database answers a trivial query; never throws for an unreachable database.</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken = default);

    /// <summary>The stream's version, latest snapshot and the events after it, read consistently.</summary>
    Task<StoredStream> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Appends one batch: its audit entries (stamped with <see cref="StreamAppend.NewVersion"/>), its idempotent
    /// response and its snapshot, in one transaction, acknowledged only once durable. Throws
    /// <see cref="StreamVersionConflictException"/> when the stream moved on and
    /// <see cref="DuplicateIdempotencyKeyException"/> when the key was already used on this stream; in both cases
    /// nothing is written. Cancelling before the writer picked the batch up writes nothing
    /// (<see cref="OperationCanceledException"/>); once picked up it runs to its outcome. Any other exception
    /// leaves the outcome unknown: re-read the stream.
    /// </summary>
    Task AppendAsync(StreamAppend append, CancellationToken cancellationToken = default);

    /// <summary>The response recorded for <paramref name="idempotencyKey"/> on this stream, or null.</summary>
    Task<string?> FindIdempotentResponseAsync(string streamId, string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>
    /// What verification of one stream reads, in one consistent view: the stream row's head, the snapshot row, the
    /// versioned entries with their links in append order, and how many entries of the commune's period
    /// (<paramref name="unitCode"/>, <paramref name="period"/>) predate versions.
    /// </summary>
    Task<StoredChain> ReadChainAsync(string streamId, string unitCode, string period, CancellationToken cancellationToken = default);

    /// <summary>
    /// Stores a snapshot outside an append (e.g. when a period is published) if the stream is still at the snapshot's
    /// version, durably, and returns the stream's head then; null when the stream is at another version (nothing written).
    /// </summary>
    Task<StreamHead?> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes up to <paramref name="maxRows"/> idempotency records made before <paramref name="recordedBefore"/>, oldest
    /// first, in one transaction, and returns how many it deleted (fewer than <paramref name="maxRows"/>: none older
    /// are left). A retry carrying a pruned key is treated as a new request. Audit entries are never touched.
    /// </summary>
    Task<int> PruneIdempotencyAsync(DateTimeOffset recordedBefore, int maxRows, CancellationToken cancellationToken = default);

    /// <summary>The audit entries of one commune and period, oldest first.</summary>
    IAsyncEnumerable<AuditEntry> ReadAuditAsync(string unitCode, string period,
        CancellationToken cancellationToken = default);
}
