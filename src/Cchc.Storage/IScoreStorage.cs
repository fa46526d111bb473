using Cchc.Runtime.Storage;

namespace Cchc.Storage;

/// <summary>
/// Grain storage that also keeps the score audit log and idempotency records, written in the same
/// transaction as the state so a commune's scores and their history can never disagree.
/// </summary>
public interface IScoreStorage : IGrainStorage, IAsyncDisposable
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

    /// <summary>
    /// Writes the state like <see cref="IGrainStorage.WriteAsync"/> and, atomically with it, appends the
    /// batch's audit entries and records its idempotent response. Returns the new ETag once all of it is
    /// durable. Throws <see cref="InconsistentStateException"/> on a stale ETag and
    /// <see cref="DuplicateIdempotencyKeyException"/> when the key was already used for this grain; in both
    /// cases nothing is written.
    /// </summary>
    Task<string> WriteWithAuditAsync(string stateName, string grainId, string payload, string? expectedETag,
        AuditBatch batch, CancellationToken cancellationToken = default);

    /// <summary>The response recorded for <paramref name="idempotencyKey"/> on this grain, or null.</summary>
    Task<string?> FindIdempotentResponseAsync(string grainId, string idempotencyKey,
        CancellationToken cancellationToken = default);

    /// <summary>The audit entries of one commune and period, oldest first.</summary>
    IAsyncEnumerable<AuditEntry> ReadAuditAsync(string unitCode, string period,
        CancellationToken cancellationToken = default);
}
