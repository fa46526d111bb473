using System.Data;
using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace Cchc.Storage.Internal;

/// <summary>
/// The SQL of the event store. The version check is a conditional statement on the stream row (INSERT … ON
/// CONFLICT DO NOTHING for a new stream, UPDATE … WHERE version = expected otherwise), so the database itself
/// decides staleness, also against writers in other processes; a unique index on (stream, version, item) is the
/// second guard against two batches with one version.
/// </summary>
internal sealed class StreamCommands(StorageDialect dialect)
{
    private const string SelectVersion = "SELECT version FROM score_stream WHERE grain_id = @grain";

    private const string SelectHead = "SELECT version, head_hash FROM score_stream WHERE grain_id = @grain";

    private const string InsertStream =
        "INSERT INTO score_stream (grain_id, version, head_hash, updated_at) VALUES (@grain, @version, @head, @now) " +
        "ON CONFLICT (grain_id) DO NOTHING";

    private const string UpdateStream =
        "UPDATE score_stream SET version = @version, head_hash = @head, updated_at = @now WHERE grain_id = @grain AND version = @expected";

    private const string SelectSnapshotRow = "SELECT version, payload, taken_at FROM score_snapshot WHERE grain_id = @grain";

    private const string SelectSnapshot = "SELECT version, payload FROM score_snapshot WHERE grain_id = @grain";

    private const string UpsertSnapshot =
        "INSERT INTO score_snapshot (grain_id, version, payload, taken_at) VALUES (@grain, @version, @payload, @now) " +
        "ON CONFLICT (grain_id) DO UPDATE SET version = excluded.version, payload = excluded.payload, taken_at = excluded.taken_at";

    internal const string AuditColumns =
        "at, at_offset_minutes, principal, unit_code, period, item_code, stage, old_value, new_value, evidence, comment, " +
        "idempotency_key, payload, version";

    // The partial unique index on (grain_id, version, item_code) serves it: every versioned row has a version.
    private const string SelectChain =
        "SELECT " + AuditColumns + ", prev_hash, hash FROM score_audit WHERE grain_id = @grain AND version IS NOT NULL ORDER BY version, id";

    private const string CountUnversioned =
        "SELECT count(*) FROM score_audit WHERE unit_code = @unit AND period = @period AND version IS NULL";

    private const string SelectEvents =
        "SELECT " + AuditColumns + " FROM score_audit WHERE grain_id = @grain AND version > @after ORDER BY version, id";

    private const string SelectAudit =
        "SELECT " + AuditColumns + " FROM score_audit WHERE unit_code = @unit AND period = @period ORDER BY id";

    private const string SelectResponse =
        "SELECT response FROM idempotency WHERE grain_id = @grain AND idempotency_key = @key";

    private const string SelectKeys = "SELECT idempotency_key FROM idempotency WHERE grain_id = @grain LIMIT @limit";

    private const string InsertResponse =
        "INSERT INTO idempotency (grain_id, idempotency_key, response, recorded_at) " +
        "VALUES (@grain, @key, @response, @now)";

    // Row values select one batch by the (recorded_at) index; the same statement runs on SQLite and PostgreSQL.
    private const string PruneResponses =
        "DELETE FROM idempotency WHERE (grain_id, idempotency_key) IN (SELECT grain_id, idempotency_key " +
        "FROM idempotency WHERE recorded_at < @before ORDER BY recorded_at LIMIT @limit)";

    public async Task<int> PruneResponsesAsync(DbConnection connection, DbTransaction transaction,
        DateTimeOffset recordedBefore, int limit, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, PruneResponses);
        command.AddParameter("@before", dialect.ToDbTimestamp(recordedBefore));
        command.AddParameter("@limit", limit);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<StoredStream> ReadStreamAsync(DbConnection connection, DbTransaction transaction, string streamId,
        CancellationToken cancellationToken)
    {
        var version = await ReadVersionAsync(connection, transaction, streamId, cancellationToken);
        if (version is null)
        {
            return StoredStream.Empty;
        }

        StreamSnapshot? snapshot = null;
        using (var command = Command(connection, transaction, SelectSnapshot))
        {
            command.AddParameter("@grain", streamId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                snapshot = new StreamSnapshot(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1));
            }
        }

        var events = new List<AuditEntry>();
        using (var command = Command(connection, transaction, SelectEvents))
        {
            command.AddParameter("@grain", streamId);
            command.AddParameter("@after", snapshot?.Version ?? 0L);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                events.Add(ReadEntry(reader));
            }
        }

        return new StoredStream(version.Value, snapshot, events, await ReadKeysAsync(connection, transaction, streamId, cancellationToken));
    }

    // One past the most returned, to tell a stream with exactly that many from one with more.
    private static async Task<IReadOnlyList<string>?> ReadKeysAsync(DbConnection connection, DbTransaction transaction, string streamId,
        CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, SelectKeys);
        command.AddParameter("@grain", streamId);
        command.AddParameter("@limit", StoredStream.MaxKeysRead + 1);
        var keys = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys.Count > StoredStream.MaxKeysRead ? null : keys;
    }

    public async Task<string?> FindResponseAsync(DbConnection connection, DbTransaction? transaction, string streamId,
        string key, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, SelectResponse);
        return await FindResponseAsync(command, streamId, key, cancellationToken);
    }

    /// <summary>The stored response to a key, read with the writer's kept statement.</summary>
    public static Task<string?> FindResponseAsync(WriterStatements statements, DbTransaction transaction, string streamId, string key) =>
        FindResponseAsync(statements.Command(SelectResponse, transaction), streamId, key, CancellationToken.None);

    private static async Task<string?> FindResponseAsync(DbCommand command, string streamId, string key, CancellationToken cancellationToken)
    {
        command.SetParameter("@grain", streamId);
        command.SetParameter("@key", key);
        return await command.ExecuteScalarAsync(cancellationToken) as string;
    }

    public async IAsyncEnumerable<AuditEntry> ReadAuditAsync(DbConnection connection, string unitCode, string period,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var command = Command(connection, null, SelectAudit);
        command.AddParameter("@unit", unitCode);
        command.AddParameter("@period", period);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return ReadEntry(reader);
        }
    }

    /// <summary>
    /// Applies one append. Throws before changing anything when the version is stale or the idempotency key was
    /// used; the caller rolls back to its savepoint on any throw.
    /// </summary>
    public async Task ApplyAsync(WriterStatements statements, DbTransaction transaction, StreamAppend append, AuditRows rows,
        DateTimeOffset now, StreamHeads heads)
    {
        if (append.Idempotency is { } idempotency)
        {
            var stored = await FindResponseAsync(statements, transaction, append.StreamId, idempotency.Key);
            if (stored is not null)
            {
                throw new DuplicateIdempotencyKeyException(append.StreamId, idempotency.Key, stored);
            }
        }

        rows.LinkFrom(await PreviousHeadAsync(statements, transaction, append, heads));
        var stream = statements.Command(append.ExpectedVersion == 0 ? InsertStream : UpdateStream, transaction);
        stream.SetParameters(StreamValues(append, rows, now));
        if (await stream.ExecuteNonQueryAsync() == 0)
        {
            throw new StreamVersionConflictException(append.StreamId, append.ExpectedVersion,
                await ReadVersionAsync(statements.Connection, transaction, append.StreamId, CancellationToken.None));
        }

        await dialect.InsertRowsAsync(statements, transaction, "score_audit", AuditRows.Columns, rows.Rows);

        if (append.Idempotency is { } response)
        {
            var command = statements.Command(InsertResponse, transaction);
            command.SetParameters(ResponseValues(append.StreamId, response, now));
            await command.ExecuteNonQueryAsync();
        }

        if (append.Snapshot is { } snapshot)
        {
            var command = statements.Command(UpsertSnapshot, transaction);
            command.SetParameters(SnapshotValues(append.StreamId, snapshot, now));
            await command.ExecuteNonQueryAsync();
        }
    }

    /// <summary>
    /// Applies one append in one round trip, for a provider that takes a batch of statements at once (PostgreSQL, where
    /// each statement of <see cref="ApplyAsync"/> waited for its own, seven an append): its savepoint, its idempotency
    /// record, the version-checked stream row, its audit rows and its snapshot go out together (an append of many rows,
    /// <see cref="StorageDialect.MinCopiedRows"/>, copies them in a second trip instead), the chain's head known
    /// from <paramref name="heads"/> when this writer committed the stream at the expected version, else read first.
    /// The key is checked by the idempotency table's unique index, first in the batch, so a used key fails it as a unique
    /// violation (the caller explains it with the stored response) before a stale version can; a stale version leaves
    /// the stream row untouched, which the batch's count shows. A failed batch is rolled back to its own savepoint here
    /// before the throw, and the transaction goes on; on a connection that broke, nothing is tried and the error goes up
    /// as it came. Savepoints are not released: each append nests one more (at most
    /// the writer's batch size, as many subtransactions as released ones made), and ROLLBACK TO names the latest.
    /// </summary>
    public async Task ApplyInOneTripAsync(WriterStatements statements, DbTransaction transaction, StreamAppend append, AuditRows rows,
        DateTimeOffset now, StreamHeads heads)
    {
        string? previous;
        try
        {
            previous = await PreviousHeadAsync(statements, transaction, append, heads);
        }
        catch (StreamVersionConflictException) when (append.Idempotency is not null)
        {
            // A used key is told before a stale version, as ApplyAsync tells it.
            var key = append.Idempotency.Key;
            if (await FindResponseAsync(statements, transaction, append.StreamId, key) is { } stored)
            {
                throw new DuplicateIdempotencyKeyException(append.StreamId, key, stored);
            }

            throw;
        }

        rows.LinkFrom(previous);
        await using var batch = statements.Connection.CreateBatch();
        batch.Transaction = transaction;
        Add(batch, WriterStatements.SavepointSql, []);
        if (append.Idempotency is { } response)
        {
            Add(batch, InsertResponse, ResponseValues(append.StreamId, response, now));
        }

        var stream = Add(batch, append.ExpectedVersion == 0 ? InsertStream : UpdateStream, StreamValues(append, rows, now));
        var copied = rows.Rows.Count >= dialect.MinCopiedRows;
        if (!copied)
        {
            dialect.AddRows(batch, "score_audit", AuditRows.Columns, rows.Rows);
        }

        if (append.Snapshot is { } snapshot)
        {
            Add(batch, UpsertSnapshot, SnapshotValues(append.StreamId, snapshot, now));
        }

        try
        {
            await batch.ExecuteNonQueryAsync();

            // Many rows follow their batch as a bulk copy, in the same savepoint, once the stream row took the version.
            if (copied && stream.RecordsAffected != 0)
            {
                await dialect.CopyRowsAsync(statements.Connection, "score_audit", AuditRows.Columns, rows.Rows);
            }
        }
        catch (DbException) when (stream.RecordsAffected == 0 && statements.Connection.State == ConnectionState.Open)
        {
            await statements.RollbackToSavepointAsync(transaction);

            // A stale stream row is no error, so the audit rows after it ran into the places the version that moved it
            // holds in the stream's unique index: told apart here, a used key first, as ApplyAsync tells them.
            if (append.Idempotency is { } used &&
                await FindResponseAsync(statements, transaction, append.StreamId, used.Key) is { } stored)
            {
                throw new DuplicateIdempotencyKeyException(append.StreamId, used.Key, stored);
            }

            var version = await ReadVersionAsync(statements.Connection, transaction, append.StreamId, CancellationToken.None);
            if ((version ?? 0) != append.ExpectedVersion)
            {
                throw new StreamVersionConflictException(append.StreamId, append.ExpectedVersion, version);
            }

            throw;
        }
        catch when (statements.Connection.State == ConnectionState.Open)
        {
            await statements.RollbackToSavepointAsync(transaction);
            throw;
        }

        if (stream.RecordsAffected == 0)
        {
            await statements.RollbackToSavepointAsync(transaction);
            throw new StreamVersionConflictException(append.StreamId, append.ExpectedVersion,
                await ReadVersionAsync(statements.Connection, transaction, append.StreamId, CancellationToken.None));
        }
    }

    // The chain links to the head the stream row holds at the expected version; the conditional write of the stream row
    // is the version check, so no other append can have moved the head in between without this one failing.
    private static async Task<string?> PreviousHeadAsync(WriterStatements statements, DbTransaction transaction, StreamAppend append,
        StreamHeads heads)
    {
        if (append.ExpectedVersion == 0)
        {
            return null;
        }

        if (heads.TryGet(append.StreamId, append.ExpectedVersion, out var known))
        {
            return known;
        }

        var head = await ReadHeadAsync(statements.Command(SelectHead, transaction), append.StreamId, CancellationToken.None);
        return head is not null && head.Version == append.ExpectedVersion
            ? head.Hash
            : throw new StreamVersionConflictException(append.StreamId, append.ExpectedVersion, head?.Version);
    }

    private static DbBatchCommand Add(DbBatch batch, string sql, ReadOnlySpan<(string Name, object? Value)> values)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = sql;
        foreach (var (name, value) in values)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        batch.BatchCommands.Add(command);
        return command;
    }

    private (string, object?)[] StreamValues(StreamAppend append, AuditRows rows, DateTimeOffset now) => append.ExpectedVersion == 0
        ? [("@grain", append.StreamId), ("@version", append.NewVersion), ("@head", rows.Head), ("@now", dialect.ToDbTimestamp(now))]
        :
        [
            ("@grain", append.StreamId), ("@version", append.NewVersion), ("@head", rows.Head), ("@now", dialect.ToDbTimestamp(now)),
            ("@expected", append.ExpectedVersion),
        ];

    private (string, object?)[] ResponseValues(string streamId, IdempotentResponse response, DateTimeOffset now) =>
        [("@grain", streamId), ("@key", response.Key), ("@response", response.Response), ("@now", dialect.ToDbTimestamp(now))];

    private (string, object?)[] SnapshotValues(string streamId, StreamSnapshot snapshot, DateTimeOffset now) =>
        [("@grain", streamId), ("@version", snapshot.Version), ("@payload", snapshot.Payload), ("@now", dialect.ToDbTimestamp(now))];

    /// <summary>The stream row's version and chain head, or null when the stream does not exist.</summary>
    public static async Task<StreamHead?> ReadHeadAsync(DbConnection connection, DbTransaction? transaction, string streamId,
        CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, SelectHead);
        return await ReadHeadAsync(command, streamId, cancellationToken);
    }

    private static async Task<StreamHead?> ReadHeadAsync(DbCommand command, string streamId, CancellationToken cancellationToken)
    {
        command.SetParameter("@grain", streamId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StreamHead(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), NullableString(reader, 1))
            : null;
    }

    public async Task<StoredChain> ReadChainAsync(DbConnection connection, DbTransaction transaction, string streamId,
        string unitCode, string period, CancellationToken cancellationToken)
    {
        var head = await ReadHeadAsync(connection, transaction, streamId, cancellationToken) ?? StreamHead.None;
        SnapshotRow? snapshot = null;
        using (var command = Command(connection, transaction, SelectSnapshotRow))
        {
            command.AddParameter("@grain", streamId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            if (await reader.ReadAsync(cancellationToken))
            {
                snapshot = new SnapshotRow(Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture), reader.GetString(1),
                    dialect.ReadTimestamp(reader, 2));
            }
        }

        var entries = new List<ChainedEntry>();
        using (var command = Command(connection, transaction, SelectChain))
        {
            command.AddParameter("@grain", streamId);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                entries.Add(new ChainedEntry(ReadEntry(reader), NullableString(reader, 14), NullableString(reader, 15)));
            }
        }

        using (var command = Command(connection, transaction, CountUnversioned))
        {
            command.AddParameter("@unit", unitCode);
            command.AddParameter("@period", period);
            var unversioned = Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            return new StoredChain(head, snapshot, entries, unversioned);
        }
    }

    /// <summary>
    /// Stores <paramref name="snapshot"/> when the stream is still at its version and returns the stream's head, or
    /// returns null and writes nothing when the stream is elsewhere.
    /// </summary>
    public async Task<StreamHead?> WriteSnapshotAsync(DbConnection connection, DbTransaction transaction, string streamId,
        StreamSnapshot snapshot, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await ReadHeadAsync(connection, transaction, streamId, cancellationToken) is not { } head || head.Version != snapshot.Version)
        {
            return null;
        }

        using var command = Command(connection, transaction, UpsertSnapshot);
        command.AddParameter("@grain", streamId);
        command.AddParameter("@version", snapshot.Version);
        command.AddParameter("@payload", snapshot.Payload);
        command.AddParameter("@now", dialect.ToDbTimestamp(now));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return head;
    }

    private static async Task<long?> ReadVersionAsync(DbConnection connection, DbTransaction? transaction,
        string streamId, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, SelectVersion);
        command.AddParameter("@grain", streamId);
        return await command.ExecuteScalarAsync(cancellationToken) is { } value and not DBNull
            ? Convert.ToInt64(value, CultureInfo.InvariantCulture)
            : null;
    }

    private AuditEntry ReadEntry(DbDataReader reader)
    {
        var offset = TimeSpan.FromMinutes(Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
        return new AuditEntry(
            At: dialect.ReadTimestamp(reader, 0).ToOffset(offset),
            Principal: reader.GetString(2),
            UnitCode: reader.GetString(3),
            Period: reader.GetString(4),
            ItemCode: reader.GetString(5),
            Stage: reader.GetString(6),
            OldValue: NullableString(reader, 7),
            NewValue: NullableString(reader, 8),
            Evidence: dialect.ReadEvidence(reader, 9),
            Comment: NullableString(reader, 10),
            IdempotencyKey: NullableString(reader, 11),
            Payload: NullableString(reader, 12),
            Version: reader.IsDBNull(13) ? 0 : Convert.ToInt64(reader.GetValue(13), CultureInfo.InvariantCulture));
    }

    private static string? NullableString(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
