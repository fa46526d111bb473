using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Cchc.Server.Tests;

/// <summary>
/// The idempotency keys in the append-only audit table (score_audit: one row per item of every stored batch, never
/// updated or deleted), read straight from the database: whether an acknowledged batch was stored, asked of the
/// storage itself rather than of the server that acknowledged it.
/// </summary>
internal static class AuditKeys
{
    public static async Task<IReadOnlyList<string>> MissingFromSqliteAsync(string databaseFile, IEnumerable<string> acknowledged)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        return await MissingAsync(connection, acknowledged);
    }

    public static async Task<IReadOnlyList<string>> MissingFromPostgresAsync(string connectionString, IEnumerable<string> acknowledged)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        return await MissingAsync(connection, acknowledged);
    }

    private static async Task<IReadOnlyList<string>> MissingAsync(DbConnection connection, IEnumerable<string> acknowledged)
    {
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT DISTINCT idempotency_key FROM score_audit WHERE idempotency_key IS NOT NULL";
        var stored = new HashSet<string>(StringComparer.Ordinal);
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                stored.Add(reader.GetString(0));
            }
        }

        return [.. acknowledged.Where(k => !stored.Contains(k))];
    }
}
