using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Cchc.Runtime.Storage;

namespace Cchc.Storage.Internal;

/// <summary>
/// The SQL of one write, run inside the writer's transaction. The state change is a conditional statement
/// (INSERT … ON CONFLICT DO NOTHING, or UPDATE/DELETE … WHERE etag = expected), so the database itself
/// decides staleness, also against writers in other processes.
/// </summary>
internal sealed class StateCommands(StorageDialect dialect)
{
    private const string SelectState =
        "SELECT payload, etag FROM grain_state WHERE state_name = @state AND grain_id = @grain";

    private const string SelectETag =
        "SELECT etag FROM grain_state WHERE state_name = @state AND grain_id = @grain";

    private const string InsertState =
        "INSERT INTO grain_state (state_name, grain_id, payload, etag, updated_at) " +
        "VALUES (@state, @grain, @payload, @etag, @now) ON CONFLICT (state_name, grain_id) DO NOTHING";

    private const string UpdateState =
        "UPDATE grain_state SET payload = @payload, etag = @etag, updated_at = @now " +
        "WHERE state_name = @state AND grain_id = @grain AND etag = @expected";

    private const string DeleteState =
        "DELETE FROM grain_state WHERE state_name = @state AND grain_id = @grain AND etag = @expected";

    private const string InsertAudit =
        "INSERT INTO score_audit (grain_id, at, at_offset_minutes, principal, unit_code, period, item_code, stage, " +
        "old_value, new_value, evidence, comment, idempotency_key) VALUES (@grain, @at, @offset, @principal, @unit, " +
        "@period, @item, @stage, @old, @new, @evidence, @comment, @key)";

    private const string SelectAudit =
        "SELECT at, at_offset_minutes, principal, unit_code, period, item_code, stage, old_value, new_value, " +
        "evidence, comment, idempotency_key FROM score_audit WHERE unit_code = @unit AND period = @period ORDER BY id";

    private const string SelectResponse =
        "SELECT response FROM idempotency WHERE grain_id = @grain AND idempotency_key = @key";

    private const string InsertResponse =
        "INSERT INTO idempotency (grain_id, idempotency_key, response, recorded_at) " +
        "VALUES (@grain, @key, @response, @now)";

    public async Task<StoredState?> ReadStateAsync(DbConnection connection, string stateName, string grainId,
        CancellationToken cancellationToken)
    {
        using var command = Command(connection, null, SelectState);
        command.AddParameter("@state", stateName);
        command.AddParameter("@grain", grainId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? new StoredState(reader.GetString(0), reader.GetString(1))
            : null;
    }

    public async Task<string?> FindResponseAsync(DbConnection connection, DbTransaction? transaction, string grainId,
        string key, CancellationToken cancellationToken)
    {
        using var command = Command(connection, transaction, SelectResponse);
        command.AddParameter("@grain", grainId);
        command.AddParameter("@key", key);
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
            var offset = TimeSpan.FromMinutes(Convert.ToInt32(reader.GetValue(1), CultureInfo.InvariantCulture));
            yield return new AuditEntry(
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
                IdempotencyKey: NullableString(reader, 11));
        }
    }

    /// <summary>
    /// Applies one write and returns its new ETag (empty for a clear). Throws before changing anything when
    /// the ETag is stale or the idempotency key was used; the caller rolls back to its savepoint on any throw.
    /// </summary>
    public async Task<string> ApplyAsync(DbConnection connection, DbTransaction transaction, PendingWrite write,
        DateTimeOffset now)
    {
        if (write.Audit.Idempotency is { } idempotency)
        {
            var stored = await FindResponseAsync(connection, transaction, write.GrainId, idempotency.Key,
                CancellationToken.None);
            if (stored is not null)
            {
                throw new DuplicateIdempotencyKeyException(write.GrainId, idempotency.Key, stored);
            }
        }

        var etag = write.Kind == WriteKind.Write
            ? await WriteStateAsync(connection, transaction, write, now)
            : await ClearStateAsync(connection, transaction, write);

        foreach (var entry in write.Audit.Entries)
        {
            await AppendAuditAsync(connection, transaction, write.GrainId, entry);
        }

        if (write.Audit.Idempotency is { } response)
        {
            using var command = Command(connection, transaction, InsertResponse);
            command.AddParameter("@grain", write.GrainId);
            command.AddParameter("@key", response.Key);
            command.AddParameter("@response", response.Response);
            command.AddParameter("@now", dialect.ToDbTimestamp(now));
            await command.ExecuteNonQueryAsync();
        }

        return etag;
    }

    private async Task<string> WriteStateAsync(DbConnection connection, DbTransaction transaction, PendingWrite write,
        DateTimeOffset now)
    {
        var etag = Guid.NewGuid().ToString("N");
        using var command = Command(connection, transaction, write.ExpectedETag is null ? InsertState : UpdateState);
        command.AddParameter("@state", write.StateName);
        command.AddParameter("@grain", write.GrainId);
        command.AddParameter("@payload", write.Payload);
        command.AddParameter("@etag", etag);
        command.AddParameter("@now", dialect.ToDbTimestamp(now));
        if (write.ExpectedETag is not null)
        {
            command.AddParameter("@expected", write.ExpectedETag);
        }

        if (await command.ExecuteNonQueryAsync() == 0)
        {
            throw await InconsistentAsync(connection, transaction, write);
        }

        return etag;
    }

    private async Task<string> ClearStateAsync(DbConnection connection, DbTransaction transaction, PendingWrite write)
    {
        if (write.ExpectedETag is null)
        {
            // Clearing "nothing stored" is a no-op, unless someone stored something meanwhile.
            if (await ReadETagAsync(connection, transaction, write) is not null)
            {
                throw await InconsistentAsync(connection, transaction, write);
            }

            return string.Empty;
        }

        using var command = Command(connection, transaction, DeleteState);
        command.AddParameter("@state", write.StateName);
        command.AddParameter("@grain", write.GrainId);
        command.AddParameter("@expected", write.ExpectedETag);
        if (await command.ExecuteNonQueryAsync() == 0)
        {
            throw await InconsistentAsync(connection, transaction, write);
        }

        return string.Empty;
    }

    private async Task AppendAuditAsync(DbConnection connection, DbTransaction transaction, string grainId,
        AuditEntry entry)
    {
        using var command = Command(connection, transaction, InsertAudit);
        command.AddParameter("@grain", grainId);
        command.AddParameter("@at", dialect.ToDbTimestamp(entry.At));
        command.AddParameter("@offset", (int)entry.At.Offset.TotalMinutes);
        command.AddParameter("@principal", entry.Principal);
        command.AddParameter("@unit", entry.UnitCode);
        command.AddParameter("@period", entry.Period);
        command.AddParameter("@item", entry.ItemCode);
        command.AddParameter("@stage", entry.Stage);
        command.AddParameter("@old", entry.OldValue);
        command.AddParameter("@new", entry.NewValue);
        command.AddParameter("@evidence", dialect.ToDbEvidence(entry.Evidence));
        command.AddParameter("@comment", entry.Comment);
        command.AddParameter("@key", entry.IdempotencyKey);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<InconsistentStateException> InconsistentAsync(DbConnection connection,
        DbTransaction transaction, PendingWrite write) =>
        new(write.StateName, write.GrainId, write.ExpectedETag, await ReadETagAsync(connection, transaction, write));

    private static async Task<string?> ReadETagAsync(DbConnection connection, DbTransaction transaction,
        PendingWrite write)
    {
        using var command = Command(connection, transaction, SelectETag);
        command.AddParameter("@state", write.StateName);
        command.AddParameter("@grain", write.GrainId);
        return await command.ExecuteScalarAsync() as string;
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
