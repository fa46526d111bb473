using System.Net;
using System.Net.Sockets;
using Cchc.Grains;
using Cchc.Grains.Hosting;
using Cchc.Storage.OrleansAdoNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Cchc.Server.Hosting;

/// <summary>
/// The Orleans silo the server hosts (one per process): its clustering, the grains' ADO.NET storage and score event
/// store on the configured database, and how long an idle grain stays active. The silo shares the app's service
/// provider, so the services resolve <see cref="IGrainFactory"/>, the ranking hub and the score storage from it.
/// </summary>
internal static class SiloHosting
{
    /// <summary>
    /// Orleans' service id: part of every stored grain state's key, so it must never change for a database, and is
    /// the same for every server on it.
    /// </summary>
    public const string ServiceId = "cchc";

    public const string ClusterId = "cchc";

    private static readonly string[] OrleansClocks =
    [
        TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory,
    ];

    /// <returns>The loopback port the silo listens on (the configured one, or a free one chosen now).</returns>
    public static int AddCchcSilo(this IHostApplicationBuilder builder, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var storage = ServerStorage.Of(options).Options;
        var siloPort = options.SiloPort != 0 ? options.SiloPort : FreeLoopbackPort();
        builder.UseOrleans(silo =>
        {
            // One silo per server process: SQLite has no Orleans clustering, and clustering several servers over one
            // PostgreSQL database is a later step, which replaces this line with silo.UseCchcClustering(storage)
            // (Cchc.Storage.OrleansAdoNet) and an advertised address. No gateway (port 0): clients call the gRPC API.
            silo.UseLocalhostClustering(siloPort, gatewayPort: 0, serviceId: ServiceId, clusterId: ClusterId);
            // A call cancelled by its gRPC client is cancelled in the grain too, and the handler returns only once the
            // grain has given up (a score batch still queued for the commit then stores nothing).
            silo.Configure<SiloMessagingOptions>(messaging => messaging.WaitForCancellationAcknowledgement = true);
            silo.Configure<GrainCollectionOptions>(collection =>
            {
                collection.CollectionAge = options.IdleTime;

                // Orleans wants the age above the sweep interval; idle times below two minutes sweep more often.
                collection.CollectionQuantum = TimeSpan.FromTicks(Math.Min(TimeSpan.FromMinutes(1).Ticks, options.IdleTime.Ticks / 2));
            });
            // Orleans' own loops (message timeouts, membership, directory, activation collection) keep the real clock
            // whatever clock the options give the grains and the host: a test's fake clock must not stall or fire them.
            foreach (var area in OrleansClocks)
            {
                silo.Services.AddKeyedSingleton(area, TimeProvider.System);
            }

            silo.AddCchcGrainStorage(CchcStorage.GrainStorageName, storage);
            silo.AddCchcGrains(storage, watch =>
            {
                watch.WatcherBufferCapacity = options.WatchBufferCapacity;
                watch.MaxWatchersPerSilo = options.MaxWatches;
            });
        });
        return siloPort;
    }

    // The silo cannot take port 0 (it advertises its endpoint to the cluster): ask the OS for a free one. Another
    // process could take it before the silo binds; the start then fails with "cannot listen" and a retry works.
    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
