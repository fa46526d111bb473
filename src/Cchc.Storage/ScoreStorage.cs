using System.Runtime.CompilerServices;
using Cchc.Runtime.Storage;
using Cchc.Storage.Internal;

namespace Cchc.Storage;

/// <summary>
/// ADO.NET grain storage with the score audit log, over SQLite or PostgreSQL. Reads use pooled connections;
/// every write goes through one group-commit writer and is acknowledged only after its transaction commits
/// durably (SQLite WAL with synchronous=FULL; PostgreSQL synchronous_commit=on). Open it with
/// <see cref="ScoreStorageFactory"/>.
/// </summary>
public sealed class ScoreStorage : IScoreStorage
{
    private readonly StorageDialect _dialect;
    private readonly StateCommands _commands;
    private readonly GroupCommitWriter _writer;
    private readonly TimeProvider _timeProvider;
    private int _disposed;

    internal ScoreStorage(StorageDialect dialect, StorageOptions options)
    {
        _dialect = dialect;
        _timeProvider = options.TimeProvider;
        _commands = new StateCommands(dialect);
        Metrics = new StorageMetrics(dialect.ProviderName, options.MeterFactory);
        _writer = new GroupCommitWriter(dialect, _commands, Metrics, options.TimeProvider, options.MaxBatchSize);
    }

    public string ProviderName => _dialect.ProviderName;

    public StorageMetrics Metrics { get; }

    internal long BatchesFormed => _writer.BatchesFormed;

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
            return false;
        }
    }

    public async Task<StoredState?> ReadAsync(string stateName, string grainId,
        CancellationToken cancellationToken = default)
    {
        ValidateKey(stateName, grainId);
        var start = Metrics.StartTimestamp();
        try
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken);
            var state = await _commands.ReadStateAsync(connection, stateName, grainId, cancellationToken);
            Metrics.RecordSuccess("read", start);
            return state;
        }
        catch (Exception exception)
        {
            Metrics.RecordFailure("read", start, exception);
            throw;
        }
    }

    public Task<string> WriteAsync(string stateName, string grainId, string payload, string? expectedETag,
        CancellationToken cancellationToken = default)
    {
        ValidateKey(stateName, grainId);
        ArgumentNullException.ThrowIfNull(payload);
        return SubmitAsync("write",
            new PendingWrite(WriteKind.Write, stateName, grainId, payload, expectedETag, AuditBatch.Empty),
            cancellationToken);
    }

    public Task ClearAsync(string stateName, string grainId, string? expectedETag,
        CancellationToken cancellationToken = default)
    {
        ValidateKey(stateName, grainId);
        return SubmitAsync("clear",
            new PendingWrite(WriteKind.Clear, stateName, grainId, null, expectedETag, AuditBatch.Empty),
            cancellationToken);
    }

    public Task<string> WriteWithAuditAsync(string stateName, string grainId, string payload, string? expectedETag,
        AuditBatch batch, CancellationToken cancellationToken = default)
    {
        ValidateKey(stateName, grainId);
        ArgumentNullException.ThrowIfNull(payload);
        ValidateBatch(batch);

        // Snapshot the entries: the caller may reuse its list while the write waits in the queue.
        var audit = batch with { Entries = [.. batch.Entries] };
        return SubmitAsync("write_with_audit",
            new PendingWrite(WriteKind.Write, stateName, grainId, payload, expectedETag, audit), cancellationToken);
    }

    public async Task<string?> FindIdempotentResponseAsync(string grainId, string idempotencyKey,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(grainId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        var start = Metrics.StartTimestamp();
        try
        {
            await using var connection = await _dialect.OpenAsync(cancellationToken);
            var response = await _commands.FindResponseAsync(connection, null, grainId, idempotencyKey,
                cancellationToken);
            Metrics.RecordSuccess("find_idempotent_response", start);
            return response;
        }
        catch (Exception exception)
        {
            Metrics.RecordFailure("find_idempotent_response", start, exception);
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

    private async Task<string> SubmitAsync(string operation, PendingWrite write, CancellationToken cancellationToken)
    {
        var start = Metrics.StartTimestamp();
        try
        {
            var etag = await _writer.SubmitAsync(write, cancellationToken);
            Metrics.RecordSuccess(operation, start);
            return etag;
        }
        catch (Exception exception)
        {
            Metrics.RecordFailure(operation, start, exception);
            throw;
        }
    }

    private static void ValidateKey(string stateName, string grainId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        ArgumentException.ThrowIfNullOrWhiteSpace(grainId);
    }

    private static void ValidateBatch(AuditBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(batch.Entries, nameof(batch));
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
