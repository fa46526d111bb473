using System.Data.Common;
using Cchc.Storage;
using Cchc.Testing;
using Npgsql;

namespace Cchc.Grains.Tests;

/// <summary>
/// A throwaway PostgreSQL cluster for one test class, a database per test. If the cluster cannot start, every test
/// fails: none is skipped.
/// </summary>
public sealed class PostgresTarget : IStorageTarget, IAsyncLifetime
{
    private PostgresCluster? _cluster;

    private PostgresCluster Cluster => _cluster ?? throw new InvalidOperationException("The PostgreSQL cluster did not start.");

    public async Task InitializeAsync() => _cluster = await PostgresCluster.StartAsync();

    public async Task<StorageOptions> CreateAsync() => StorageOptions.ForPostgreSql(await Cluster.CreateDatabaseAsync());

    public async Task<DbConnection> OpenRawAsync(StorageOptions options)
    {
        var connection = new NpgsqlConnection(options.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    // The server stops (fast shutdown) and comes back on dispose, its data intact.
    public async Task<IAsyncDisposable> BreakAsync(StorageOptions options)
    {
        await Cluster.StopServerAsync();
        return new Restart(Cluster);
    }

    public async Task<IAsyncDisposable> HoldWriterAsync(StorageOptions options, string streamId)
    {
        // Writers do not block each other at BEGIN in PostgreSQL: lock the stream row the next append updates.
        var connection = await OpenRawAsync(options);
        await using var command = connection.CreateCommand();
        command.CommandText = "BEGIN; SELECT 1 FROM score_stream WHERE grain_id = @grain FOR UPDATE";
        command.Parameters.Add(new NpgsqlParameter("grain", streamId));
        Assert.NotNull(await command.ExecuteScalarAsync());
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

    private sealed class Restart(PostgresCluster cluster) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await cluster.StartServerAsync();
    }
}
