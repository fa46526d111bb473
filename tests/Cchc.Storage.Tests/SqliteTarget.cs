using System.Data.Common;
using Cchc.Storage;
using Cchc.Testing;
using Microsoft.Data.Sqlite;

namespace Cchc.Storage.Tests;

/// <summary>SQLite files under one temp directory, removed when the test class is done.</summary>
public sealed class SqliteTarget : IStorageTarget, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cchc-sqlite-").FullName;
    private int _fresh;

    public SqliteTarget() => SharedOptions = StorageOptions.ForSqlite(Path.Combine(_root, "shared"));

    public StorageOptions SharedOptions { get; }

    public Task<StorageOptions> CreateFreshAsync() =>
        Task.FromResult(StorageOptions.ForSqlite(Path.Combine(_root, $"fresh-{Interlocked.Increment(ref _fresh)}")));

    public async Task<DbConnection> OpenRawAsync(StorageOptions options)
    {
        var connection = new SqliteConnection(
            $"Data Source={Path.Combine(options.DataDirectory!, StorageOptions.SqliteFileName)};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    public async Task<IAsyncDisposable> HoldWriterAsync(StorageOptions options, string streamId)
    {
        // SQLite has one writer per file: holding the write lock blocks the storage's next BEGIN IMMEDIATE.
        var connection = await OpenRawAsync(options);
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return new RawLock(connection);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }
}
