using System.Data.Common;
using Cchc.Storage;
using Cchc.Testing;
using Microsoft.Data.Sqlite;

namespace Cchc.Grains.Tests;

/// <summary>SQLite files under one temp directory, removed when the test class is done.</summary>
public sealed class SqliteTarget : IStorageTarget, IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("cchc-grains-").FullName;
    private int _fresh;

    // One second of waiting for another process's lock: a held lock becomes a storage failure quickly.
    public Task<StorageOptions> CreateAsync() => Task.FromResult(
        StorageOptions.ForSqlite(Path.Combine(_root, $"db-{Interlocked.Increment(ref _fresh)}")) with { SqliteBusyTimeout = TimeSpan.FromSeconds(1) });

    public async Task<DbConnection> OpenRawAsync(StorageOptions options)
    {
        var connection = new SqliteConnection($"Data Source={Path.Combine(options.DataDirectory!, StorageOptions.SqliteFileName)};Pooling=False");
        await connection.OpenAsync();
        return connection;
    }

    // Another process holding the write lock past the busy timeout: the store's transactions fail with SQLITE_BUSY.
    public Task<IAsyncDisposable> BreakAsync(StorageOptions options) => LockAsync(options);

    // Held shorter than the busy timeout would matter only to the timing; tests use it with a long timeout.
    public Task<IAsyncDisposable> HoldWriterAsync(StorageOptions options, string streamId) => LockAsync(options);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_root, recursive: true);
    }

    private async Task<IAsyncDisposable> LockAsync(StorageOptions options)
    {
        var connection = await OpenRawAsync(options);
        await using var begin = connection.CreateCommand();
        begin.CommandText = "BEGIN IMMEDIATE";
        await begin.ExecuteNonQueryAsync();
        return new RawLock(connection);
    }
}
