using System.Data.Common;
using System.Globalization;

namespace Cchc.Storage.Internal;

/// <summary>
/// Brings the schema to the newest embedded version in one transaction. The version table records each
/// script's checksum so an edited, already-applied script is caught instead of silently diverging.
/// </summary>
internal sealed class MigrationRunner(StorageDialect dialect, TimeProvider timeProvider)
{
    /// <summary>Applies the missing scripts (up to <paramref name="upToVersion"/> when given) and returns how many there were.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken, int? upToVersion = null)
    {
        var scripts = MigrationScript.Load(dialect.MigrationFolder).Where(s => s.Version <= (upToVersion ?? int.MaxValue)).ToList();
        await using var connection = await dialect.OpenAsync(cancellationToken);
        await dialect.PrepareForMigrationAsync(connection, cancellationToken);
        await using var transaction = await dialect.BeginWriteTransactionAsync(connection, cancellationToken);
        await dialect.LockForMigrationAsync(connection, transaction, cancellationToken);
        await ExecuteAsync(connection, transaction, dialect.CreateSchemaVersionSql, cancellationToken);

        var applied = await ReadAppliedAsync(connection, transaction, cancellationToken);
        var newestKnown = scripts.Count == 0 ? 0 : scripts[^1].Version;
        foreach (var (version, _) in applied)
        {
            if (version > newestKnown)
            {
                throw new InvalidOperationException(
                    $"The {dialect.ProviderName} database is at schema version {version}, newer than this build " +
                    $"knows ({newestKnown}). Run a newer version of the service against it.");
            }
        }

        var count = 0;
        foreach (var script in scripts)
        {
            if (applied.TryGetValue(script.Version, out var checksum))
            {
                if (!string.Equals(checksum, script.Checksum, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"Migration {script.Name} was changed after it was applied to this {dialect.ProviderName} " +
                        "database. Applied scripts must never be edited; add a new numbered script instead.");
                }

                continue;
            }

            await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
            await RecordAsync(connection, transaction, script, cancellationToken);
            count++;
        }

        await transaction.CommitAsync(cancellationToken);
        return count;
    }

    private static async Task<Dictionary<int, string>> ReadAppliedAsync(DbConnection connection,
        DbTransaction transaction, CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT version, checksum FROM schema_version";
        var applied = new Dictionary<int, string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied[Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture)] = reader.GetString(1);
        }

        return applied;
    }

    private async Task RecordAsync(DbConnection connection, DbTransaction transaction, MigrationScript script,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText =
            "INSERT INTO schema_version (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @at)";
        command.AddParameter("@version", script.Version);
        command.AddParameter("@name", script.Name);
        command.AddParameter("@checksum", script.Checksum);
        command.AddParameter("@at", dialect.ToDbTimestamp(timeProvider.GetUtcNow()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction transaction, string sql,
        CancellationToken cancellationToken)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
