using Microsoft.Data.Sqlite;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// SQLite's PRAGMA data_version, read on a connection of our own: it changes whenever any other connection commits to
/// the file (every table, Orleans' grain state included) and never otherwise, so "unchanged across a call" means the
/// call committed nothing. One integer per call, whatever the size of the database.
/// </summary>
internal sealed class DatabaseVersion : IDisposable
{
    private readonly SqliteConnection _connection;

    public DatabaseVersion(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        _connection.Open();
    }

    public long Read()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }

    public void Dispose() => _connection.Dispose();
}
