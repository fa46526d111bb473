using Microsoft.Data.Sqlite;

namespace Cchc.Server.Tests;

/// <summary>Another connection holding SQLite's write lock: the server's writer waits on it, so a write stays in flight.</summary>
internal static class SqliteWriteLock
{
    /// <summary>Takes the lock (BEGIN IMMEDIATE); disposing the connection releases it.</summary>
    public static async Task<SqliteConnection> HoldAsync(string databaseFile)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = databaseFile, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return connection;
    }
}
