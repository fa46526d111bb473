using Cchc.Testing;

namespace Cchc.Cluster.Tests;

/// <summary>
/// One throwaway PostgreSQL server for the whole collection; each test clusters its three silos on a database of
/// its own, so no test sees another's membership rows or scores.
/// </summary>
public sealed class ClusterDatabase : IAsyncLifetime
{
    private PostgresCluster? _postgres;

    public Task<string> CreateDatabaseAsync() =>
        (_postgres ?? throw new InvalidOperationException("PostgreSQL is not started.")).CreateDatabaseAsync();

    public async Task InitializeAsync() => _postgres = await PostgresCluster.StartAsync();

    public async Task DisposeAsync()
    {
        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }
}
