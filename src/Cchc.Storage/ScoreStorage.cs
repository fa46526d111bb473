using System.Runtime.CompilerServices;
using Cchc.Storage.Internal;

namespace Cchc.Storage;

/// <summary>
/// The score event store over SQLite or PostgreSQL. Reads use pooled connections; every append goes through one
/// group-commit writer per process and is acknowledged only after its transaction commits durably (SQLite WAL
/// with synchronous=FULL; PostgreSQL synchronous_commit=on). Open it with <see cref="ScoreStorageFactory"/>.
/// </summary>
public sealed class ScoreStorage : IScoreStorage
{
    private readonly StorageDialect _dialect;
    private readonly StreamCommands _commands;
    private readonly GroupCommitWriter _writer;
    private readonly TimeProvider _timeProvider;
    private int _disposed;

    internal ScoreStorage(StorageDialect dialect, StorageOptions options)
    {
        _dialect = dialect;
        _timeProvider = options.TimeProvider;
        _commands = new StreamCommands(dialect);
        Metrics = new StorageMetrics(dialect.ProviderName, options.MeterFactory);
        _writer = new GroupCommitWriter(dialect, _commands, Metrics, options.TimeProvider, options.MaxBatchSize,
            options.MaxQueuedAppends);
    }

    public string ProviderName => _dialect.ProviderName;

    public StorageMetrics Metrics { get; }

    internal long BatchesFormed => _writer.BatchesFormed;

    internal int QueuedAppends => _writer.Queued;

    /// <summary>Appends cancelled by their callers before the writer took them.</summary>
    internal long CancelledAppends => _writer.Cancelled;

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var start = Metrics.StartTimestamp();
        try
        {
            await new MigrationRunner(_dialect, _timeProvider).RunAsync(cancellationToken);
            Metrics.RecordSuccess("migrate", start);
        }
        catch (Exception exception)
        {
            Metrics.RecordFailure("migrate", start, exception);
            throw;
        }
    }

    /// <summary>Brings the schema to one version only: tests build the databases older releases left behind.</summary>
    internal Task MigrateToAsync(int version, CancellationToken cancellationToken = default) =>
        new MigrationRunner(_dialect, _timeProvider).RunAsync(cancellationToken, version);

    public async Task<bool> PingAsync(CancellationToken cancellationToken = default)
    {
        var start = Metrics.StartTimestamp();
        try
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken);
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            Metrics.RecordSuccess("ping", start);
            return true;
        }
        catch (Exception exception) when (!cancellationToken.IsCancellationRequested)
        {
            // A health probe reports; it does not throw for an unreachable or broken database.
            Metrics.RecordFailure("ping", start, exception);
            ClearPools(exception);
            return false;
        }
    }

    public Task<StoredStream> ReadStreamAsync(string streamId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        return InTransactionAsync("read_stream", write: false,
            (connection, transaction) => _commands.ReadStreamAsync(connection, transaction, streamId, cancellationToken), cancellationToken);
    }

    public async Task AppendAsync(StreamAppend append, CancellationToken cancellationToken = default)
    {
        ValidateAppend(append);

        // Snapshot the entries: the caller may reuse its list while the append waits in the queue. Its rows are built
        // here, on the caller's thread, not by the single writer.
        var owned = append with { Entries = [.. append.Entries] };
        var queued = new PendingAppend(owned, AuditRows.Build(owned, _dialect));
        var start = Metrics.StartTimestamp();
        try
        {
            await _writer.SubmitAsync(queued, cancellationToken);
            Metrics.RecordSuccess("append", start);
        }
        catch (Exception exception)
        {
            Metrics.RecordFailure("append", start, exception);

            // A write the database itself failed drops the pools, as a failed read does: a restarted database broke every
            // idle connection, and the commune's next call re-reads its stream on one of them.
            if (exception is not (OperationCanceledException or StreamVersionConflictException or DuplicateIdempotencyKeyException or StorageBusyException))
            {
                ClearPools(exception);
            }

            throw;
        }
    }

    public Task<string?> FindIdempotentResponseAsync(string streamId, string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return MeasuredAsync("find_idempotent_response", async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken);
            return await _commands.FindResponseAsync(connection, null, streamId, idempotencyKey, cancellationToken);
        });
    }

    public Task<StoredChain> ReadChainAsync(string streamId, string unitCode, string period,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentException.ThrowIfNullOrWhiteSpace(unitCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        return InTransactionAsync("read_chain", write: false,
            (connection, transaction) => _commands.ReadChainAsync(connection, transaction, streamId, unitCode, period, cancellationToken),
            cancellationToken);
    }

    // Its own short transaction beside the group commit: it is rare (a publication), and on SQLite it waits for the
    // writer's lock like any other writer.
    public Task<StreamHead?> WriteSnapshotAsync(string streamId, StreamSnapshot snapshot,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(streamId);
        ArgumentNullException.ThrowIfNull(snapshot);
        return InTransactionAsync("write_snapshot", write: true,
            (connection, transaction) => _commands.WriteSnapshotAsync(connection, transaction, streamId, snapshot, _timeProvider.GetUtcNow(),
                cancellationToken), cancellationToken);
    }

    public Task<int> PruneIdempotencyAsync(DateTimeOffset recordedBefore, int maxRows,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxRows, 1);
        return InTransactionAsync("prune_idempotency", write: true,
            (connection, transaction) => _commands.PruneResponsesAsync(connection, transaction, recordedBefore, maxRows, cancellationToken),
            cancellationToken);
    }

    // One database round on a pooled connection, timed and counted; a failure that is not a cancellation drops the
    // pools (a restarted database broke every idle connection).
    private async Task<T> MeasuredAsync<T>(string operation, Func<Task<T>> body)
    {
        var start = Metrics.StartTimestamp();
        try
        {
            var result = await body();
            Metrics.RecordSuccess(operation, start);
            return result;
        }
        catch (Exception exception)
        {
            Metrics.RecordFailure(operation, start, exception);
            if (exception is not OperationCanceledException)
            {
                ClearPools(exception);
            }

            throw;
        }
    }

    public async IAsyncEnumerable<AuditEntry> ReadAuditAsync(string unitCode, string period,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(unitCode);
        ArgumentException.ThrowIfNullOrWhiteSpace(period);
        var start = Metrics.StartTimestamp();
        await using var connection = await _dialect.OpenAsync(cancellationToken);
        await foreach (var entry in _commands.ReadAuditAsync(connection, unitCode, period, cancellationToken))
        {
            yield return entry;
        }

        Metrics.RecordSuccess("read_audit", start);
    }

    /// <summary>
    /// Runs <paramref name="body"/> in one transaction on a pooled connection (a read sees one committed state), measured
    /// as <paramref name="operation"/>.
    /// </summary>
    private Task<T> InTransactionAsync<T>(string operation, bool write,
        Func<System.Data.Common.DbConnection, System.Data.Common.DbTransaction, Task<T>> body, CancellationToken cancellationToken) =>
        MeasuredAsync(operation, async () =>
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken);
            await using var transaction = write
                ? await _dialect.BeginWriteTransactionAsync(connection, cancellationToken)
                : await _dialect.BeginReadTransactionAsync(connection, cancellationToken);
            var result = await body(connection, transaction);
            await transaction.CommitAsync(cancellationToken);
            return result;
        });

    // Orleans' grain storage reaches the same database through pools of its own, whose idle connections a restart
    // broke just as well: left alone, each would fail one more request (a grain activation) after the database is back.
    private void ClearPools(Exception exception)
    {
        _dialect.ClearPool();
        if (exception is System.Data.Common.DbException failure)
        {
            DatabasePools.ClearAfterFailure(failure);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync();
        await _dialect.DisposeAsync();
        Metrics.Dispose();
    }

    private static void ValidateAppend(StreamAppend batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentException.ThrowIfNullOrWhiteSpace(batch.StreamId, nameof(batch));
        ArgumentNullException.ThrowIfNull(batch.Entries, nameof(batch));
        if (batch.ExpectedVersion < 0)
        {
            throw new ArgumentException($"The expected version {batch.ExpectedVersion} is negative; a new stream is at 0.", nameof(batch));
        }

        if (batch.Entries.Count == 0)
        {
            throw new ArgumentException("An append needs at least one audit entry: the entries are its events.", nameof(batch));
        }

        if (batch.Snapshot is { } snapshot && snapshot.Version != batch.NewVersion)
        {
            throw new ArgumentException(
                $"The snapshot is of version {snapshot.Version}, but this append makes version {batch.NewVersion}; " +
                "a snapshot written with an append must be the state after it.", nameof(batch));
        }

        for (var i = 0; i < batch.Entries.Count; i++)
        {
            var entry = batch.Entries[i] ?? throw new ArgumentException($"Audit entry {i} is null.", nameof(batch));
            RequireText(entry.Principal, i, "a principal (who made the change)");
            RequireText(entry.UnitCode, i, "a unit code (which commune)");
            RequireText(entry.Period, i, "a period (e.g. 2024-Y)");
            RequireText(entry.ItemCode, i, "an item code (e.g. 1.5.4)");
            RequireText(entry.Stage, i, "a stage");
            if (entry.At == default)
            {
                throw new ArgumentException($"Audit entry {i} has no time (At); stamp it when the change is made.",
                    nameof(batch));
            }

            if (entry.At.Offset.Ticks % TimeSpan.TicksPerMinute != 0)
            {
                throw new ArgumentException($"Audit entry {i} has an offset that is not whole minutes.", nameof(batch));
            }

            if (entry.Evidence is null || entry.Evidence.Any(string.IsNullOrWhiteSpace))
            {
                throw new ArgumentException(
                    $"Audit entry {i} needs an evidence list (empty when there is none) without blank references.",
                    nameof(batch));
            }
        }

        if (batch.Idempotency is { } idempotency)
        {
            if (string.IsNullOrWhiteSpace(idempotency.Key) || idempotency.Response is null)
            {
                throw new ArgumentException(
                    "An idempotent response needs a non-blank key and a response (which may be empty).", nameof(batch));
            }
        }
    }

    private static void RequireText(string value, int index, string what)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"Audit entry {index} needs {what}.", "batch");
        }
    }
}
