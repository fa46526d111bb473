using Cchc.Storage.OrleansAdoNet;
using Orleans.TestingHost;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>
/// One real silo (Orleans TestingHost) with the project's ADO.NET grain storage on a given database. Silos started
/// on the same database share the service id, so a second one sees the first one's state, as a restarted server does.
/// </summary>
public sealed class TestSilo : IAsyncDisposable
{
    public const string StorageName = "cchc";
    public const string StateName = "place";
    public const string ServiceId = "cchc-adonet-tests";

    private readonly InProcessTestCluster _cluster;

    private TestSilo(InProcessTestCluster cluster) => _cluster = cluster;

    public IClusterClient Client => _cluster.Client;

    public IServiceProvider Services => _cluster.Silos[0].ServiceProvider;

    public static async Task<TestSilo> StartAsync(StorageOptions options)
    {
        var builder = new InProcessTestClusterBuilder(initialSilosCount: 1);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, silo) => silo.AddCchcGrainStorage(StorageName, options));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
            return new TestSilo(cluster);
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _cluster.StopAllSilosAsync();
        await _cluster.DisposeAsync();
    }
}
