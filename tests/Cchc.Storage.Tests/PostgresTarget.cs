using System.Data.Common;
using Cchc.Storage;
using Cchc.Testing;
using Npgsql;

namespace Cchc.Storage.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for the whole PostgreSQL collection, with a shared database (tests use
/// unique grain ids and unit codes in it) and fresh databases on demand. If the cluster cannot start, every
/// PostgreSQL test fails: they are never skipped.
/// </summary>
public sealed class PostgresTarget : IStorageTarget, IAsyncLifetime
{
    private PostgresCluster? _cluster;
    private StorageOptions? _shared;

    public StorageOptions SharedOptions => _shared ?? throw new InvalidOperationException("Cluster not started.");

    public PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("Cluster not started.");

    public async Task InitializeAsync()
    {
        _cluster = await PostgresCluster.StartAsync();
        _shared = await CreateFreshAsync();
    }

    public async Task<StorageOptions> CreateFreshAsync()
    {
        var name = $"cchc_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(Cluster.ConnectionString))
        {
            await admin.OpenAsync();
            await using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(Cluster.ConnectionString) { Database = name };
        return StorageOptions.ForPostgreSql(builder.ConnectionString);
    }

    public async Task<DbConnection> OpenRawAsync(StorageOptions options)
    {
        var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async Task<IAsyncDisposable> HoldWriterAsync(StorageOptions options, string streamId)
    {
        // Writers do not block each other at BEGIN in PostgreSQL: lock the stream row the next append updates.
        var connection = await OpenRawAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN; SELECT 1 FROM score_stream WHERE grain_id = @grain FOR UPDATE";
        command.Parameters.Add(new NpgsqlParameter("grain", streamId));
        var locked = await command.ExecuteScalarAsync();
        Assert.NotNull(locked);
        return new RawLock(connection);
    }

    public async Task DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_cluster is not null)
        {
            await _cluster.DisposeAsync();
        }
    }
}
