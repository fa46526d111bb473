using System.Diagnostics.Metrics;

namespace Cchc.Storage;

/// <summary>Where storage lives and how writes are grouped.</summary>
public sealed record StorageOptions
{
    /// <summary>The SQLite file's name inside <see cref="DataDirectory"/>.</summary>
    public const string SqliteFileName = "cchc.db";

    public StorageProvider Provider { get; init; } = StorageProvider.Sqlite;

    /// <summary>SQLite only: the directory holding <c>cchc.db</c>; created when missing.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>PostgreSQL only: an Npgsql connection string.</summary>
    public string? ConnectionString { get; init; }

    /// <summary>
    /// SQLite only: how long a statement waits for another process's write lock before failing (the failure reaches
    /// the caller as "storage unavailable"; nothing is half-written).
    /// </summary>
    public TimeSpan SqliteBusyTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Most appends committed in one transaction by the group-commit writer.</summary>
    public int MaxBatchSize { get; init; } = 64;

    /// <summary>
    /// Most appends waiting for the group-commit writer. One more is refused at once with
    /// <see cref="StorageBusyException"/> (nothing written; retry in a moment) instead of queueing without end while
    /// the database is slow.
    /// </summary>
    public int MaxQueuedAppends { get; init; } = 10_000;

    /// <summary>
    /// How long an idempotency record (the first answer to a keyed request) is kept. Older ones are pruned; a retry
    /// carrying a key older than this is treated as a new request.
    /// </summary>
    public TimeSpan IdempotencyRetention { get; init; } = DefaultIdempotencyRetention;

    /// <summary>Most idempotency records deleted in one pruning transaction (each batch commits on its own).</summary>
    public int PruneBatchSize { get; init; } = 1000;

    /// <summary>Thirty days: far beyond any client's retries, short enough that the table stays small.</summary>
    public static TimeSpan DefaultIdempotencyRetention { get; } = TimeSpan.FromDays(30);

    /// <summary>The shortest retention accepted: a retry may come after a night's outage.</summary>
    public static TimeSpan MinIdempotencyRetention { get; } = TimeSpan.FromDays(1);

    /// <summary>The longest retention accepted (ten years).</summary>
    public static TimeSpan MaxIdempotencyRetention { get; } = TimeSpan.FromDays(3650);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Creates the "Cchc.Storage" meter when hosting provides one; otherwise the meter is created directly.</summary>
    public IMeterFactory? MeterFactory { get; init; }

    public static StorageOptions ForSqlite(string dataDirectory) =>
        new() { Provider = StorageProvider.Sqlite, DataDirectory = dataDirectory };

    public static StorageOptions ForPostgreSql(string connectionString) =>
        new() { Provider = StorageProvider.PostgreSql, ConnectionString = connectionString };

    /// <summary>Reads the provider name as configuration spells it: "sqlite" or "postgresql" (or "postgres").</summary>
    public static StorageProvider ParseProvider(string name) =>
        name.Trim().ToUpperInvariant() switch
        {
            "SQLITE" => StorageProvider.Sqlite,
            "POSTGRESQL" or "POSTGRES" or "NPGSQL" => StorageProvider.PostgreSql,
            _ => throw new ArgumentException(
                $"Unknown storage provider '{name}'. Use 'sqlite' (with a data directory) or 'postgresql' " +
                "(with a connection string).", nameof(name)),
        };

    /// <summary>Throws an <see cref="ArgumentException"/> that says which setting is missing or wrong.</summary>
    public void Validate()
    {
        if (SqliteBusyTimeout < TimeSpan.FromSeconds(1))
        {
            throw new ArgumentException($"SqliteBusyTimeout must be at least one second; it is {SqliteBusyTimeout}.", nameof(SqliteBusyTimeout));
        }

        if (MaxBatchSize < 1)
        {
            throw new ArgumentException($"MaxBatchSize must be at least 1; it is {MaxBatchSize}.", nameof(MaxBatchSize));
        }

        if (MaxQueuedAppends < 1)
        {
            throw new ArgumentException($"MaxQueuedAppends must be at least 1; it is {MaxQueuedAppends}.", nameof(MaxQueuedAppends));
        }

        if (IdempotencyRetention < MinIdempotencyRetention || IdempotencyRetention > MaxIdempotencyRetention)
        {
            throw new ArgumentException(
                $"IdempotencyRetention must be from {MinIdempotencyRetention.TotalDays:0} to {MaxIdempotencyRetention.TotalDays:0} days; " +
                $"it is {IdempotencyRetention}. A retry whose key is older than the retention is treated as a new request.",
                nameof(IdempotencyRetention));
        }

        if (PruneBatchSize is < 1 or > 100_000)
        {
            throw new ArgumentException($"PruneBatchSize must be from 1 to 100000; it is {PruneBatchSize}.", nameof(PruneBatchSize));
        }

        switch (Provider)
        {
            case StorageProvider.Sqlite when string.IsNullOrWhiteSpace(DataDirectory):
                throw new ArgumentException(
                    "The SQLite provider needs a data directory (where cchc.db is kept); none was configured.",
                    nameof(DataDirectory));
            case StorageProvider.PostgreSql when string.IsNullOrWhiteSpace(ConnectionString):
                throw new ArgumentException(
                    "The PostgreSQL provider needs a connection string; none was configured.", nameof(ConnectionString));
            case StorageProvider.Sqlite or StorageProvider.PostgreSql:
                return;
            default:
                throw new ArgumentException($"Unknown storage provider {Provider}.", nameof(Provider));
        }
    }
}
