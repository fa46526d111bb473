using Cchc.Server.Hosting;
using Cchc.Testing;

namespace Cchc.Server.Tests;

/// <summary>
/// Where a test's server stores: SQLite in a temp directory (the embedded default), or a fresh database on a
/// throwaway PostgreSQL cluster. The same store is handed to every start, so a restart finds what was written.
/// </summary>
internal abstract class TestStorage : IAsyncDisposable
{
    /// <summary>What the server's command line says about its storage.</summary>
    public abstract IReadOnlyList<string> Arguments { get; }

    /// <summary>The options of an in-process server storing here.</summary>
    public abstract ServerOptions Apply(ServerOptions options);

    public static TestStorage Sqlite() => new SqliteStorage(Path.Combine(Path.GetTempPath(), "cchc-server-store-" + Guid.NewGuid().ToString("N")));

    public static async Task<TestStorage> PostgresAsync()
    {
        var cluster = await PostgresCluster.StartAsync();
        return new PostgresStorage(cluster, await cluster.CreateDatabaseAsync());
    }

    public abstract ValueTask DisposeAsync();

    private sealed class SqliteStorage(string directory) : TestStorage
    {
        public override IReadOnlyList<string> Arguments => ["--data-dir", directory];

        public override ServerOptions Apply(ServerOptions options) => options with { DataDirectory = directory };

        public override ValueTask DisposeAsync()
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            return ValueTask.CompletedTask;
        }
    }

    private sealed class PostgresStorage(PostgresCluster cluster, string connectionString) : TestStorage
    {
        public override IReadOnlyList<string> Arguments => ["--postgres", connectionString];

        public override ServerOptions Apply(ServerOptions options) => options with { PostgresConnectionString = connectionString };

        public override ValueTask DisposeAsync() => cluster.DisposeAsync();
    }
}
