using System.Net;
using Cchc.Storage.OrleansAdoNet;
using Cchc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>
/// A real silo host (TCP on loopback) or an external client that finds the cluster only through the membership table
/// in PostgreSQL, as the server's processes do: nothing is shared in memory between two of these.
/// </summary>
public sealed class PostgresClusterHost : IAsyncDisposable
{
    private readonly IHost _host;

    private PostgresClusterHost(IHost host) => _host = host;

    public IClusterClient Client => _host.Services.GetRequiredService<IClusterClient>();

    public static async Task<PostgresClusterHost> StartSiloAsync(StorageOptions options, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleans(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, TestSilo.ServiceId))
            .ConfigureEndpoints(IPAddress.Loopback, LoopbackPort.Free(), LoopbackPort.Free())
            .UseCchcClustering(options)
            .UseCchcReminderService(options)
            .AddCchcGrainStorage(TestSilo.StorageName, options)
            // The test waits for a tick; production keeps Orleans' one-minute floor.
            .Configure<ReminderOptions>(o => o.MinimumReminderPeriod = TimeSpan.FromSeconds(1)));
        return await StartAsync(builder);
    }

    public static async Task<PostgresClusterHost> StartClientAsync(StorageOptions options, string clusterId)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.UseOrleansClient(client => client
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, TestSilo.ServiceId))
            .UseCchcClustering(options));
        return await StartAsync(builder);
    }

    public async Task StopAsync() => await _host.StopAsync();

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    private static async Task<PostgresClusterHost> StartAsync(HostApplicationBuilder builder)
    {
        var host = builder.Build();
        try
        {
            await host.StartAsync();
            return new PostgresClusterHost(host);
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }
}
