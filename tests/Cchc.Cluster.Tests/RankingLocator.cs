using Cchc.Grains.Ranking;
using Cchc.Storage;
using Cchc.Storage.OrleansAdoNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Runtime;

namespace Cchc.Cluster.Tests;

/// <summary>
/// A real Orleans client of the cluster (gateways found in the membership table on PostgreSQL, as
/// <see cref="CchcClusteringClientBuilderExtensions.UseCchcClustering"/> reads them) that asks the management grain
/// which silo holds a ranking's activation.
/// </summary>
internal sealed class RankingLocator : IAsyncDisposable
{
    // The server's defaults (--cluster-id, --service-id).
    private const string ClusterId = "cchc";
    private const string ServiceId = "cchc";
    private readonly IHost _host;

    private RankingLocator(IHost host) => _host = host;

    public static async Task<RankingLocator> ConnectAsync(string connectionString)
    {
        var host = new HostBuilder()
            .UseOrleansClient(client => client
                .UseCchcClustering(StorageOptions.ForPostgreSql(connectionString))
                .Configure<ClusterOptions>(cluster => (cluster.ClusterId, cluster.ServiceId) = (ClusterId, ServiceId)))
            .Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await host.StartAsync(timeout.Token);
        return new RankingLocator(host);
    }

    /// <summary>The silo port of the silo holding the ranking "scope/period" (e.g. "58/2024"), or null when it is not active.</summary>
    public async Task<int?> SiloPortOfRankingAsync(string key)
    {
        var grains = _host.Services.GetRequiredService<IClusterClient>();
        var management = grains.GetGrain<IManagementGrain>(0);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var silo = await management.GetActivationAddress(grains.GetGrain<IRankingGrain>(key)).AsTask().WaitAsync(timeout.Token);
        return silo?.Endpoint.Port;
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        try
        {
            await _host.StopAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A client whose gateways were killed may not stop cleanly; disposing it below releases it anyway.
        }

        _host.Dispose();
    }
}
