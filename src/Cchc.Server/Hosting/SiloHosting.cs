using System.Net;
using System.Net.Sockets;
using Cchc.Grains;
using Cchc.Grains.Hosting;
using Cchc.Storage;
using Cchc.Storage.OrleansAdoNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Dashboard;
using Orleans.Runtime;

namespace Cchc.Server.Hosting;

/// <summary>
/// The Orleans silo the server hosts (one per process): its clustering, the grains' ADO.NET storage and score event
/// store on the configured database, and how long an idle grain stays active. On SQLite the silo is a cluster of one
/// on loopback; on PostgreSQL every server on the database with the same cluster id is one cluster (ADO.NET
/// membership in the same database), so any silo serves every call. Reminders (the idempotency pruner's) are durable in
/// the same database on either provider. The silo shares the app's service
/// provider, so the services resolve <see cref="IGrainFactory"/>, the ranking hub and the score storage from it.
/// </summary>
internal static class SiloHosting
{
    private static readonly string[] OrleansClocks =
    [
        TimeProviderNames.Messaging, TimeProviderNames.SystemTimers, TimeProviderNames.Membership,
        TimeProviderNames.ActivationManagement, TimeProviderNames.GrainDirectory, Orleans.Reminders.ReminderTimeProviderNames.Reminders,
    ];

    /// <returns>The port the silo listens on (the configured one, or a free one chosen now).</returns>
    public static int AddCchcSilo(this IHostApplicationBuilder builder, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        var storage = ServerStorage.Of(options).Options;
        var siloPort = options.SiloPort != 0 ? options.SiloPort : FreePort(options.AdvertisedAddress);
        builder.UseOrleans(silo =>
        {
            if (storage.Provider == StorageProvider.PostgreSql)
            {
                JoinCluster(silo, options, storage, siloPort);
            }
            else
            {
                // SQLite has no Orleans clustering: one silo per database. Its gateway, when asked for, serves
                // external Orleans clients (tests, tools); the API's clients call the gRPC port.
                silo.UseLocalhostClustering(siloPort, options.GatewayPort, serviceId: options.ServiceId, clusterId: options.ClusterId);
            }

            silo.Configure<SiloMessagingOptions>(messaging =>
            {
                // A call cancelled by its gRPC client is cancelled in the grain too, and the handler returns only once
                // the grain has given up (a score batch still queued for the commit then stores nothing).
                messaging.WaitForCancellationAcknowledgement = true;

                // Directory registrations and lookups answer in milliseconds; one lost with a closed connection (see
                // GrainTimeouts) would otherwise stall a grain's activation for 30 s.
                messaging.SystemResponseTimeout = TimeSpan.FromSeconds(5);
            });
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
            if (options.Dashboard)
            {
                silo.AddDashboard();
            }
        });
        return siloPort;
    }

    private static void JoinCluster(ISiloBuilder silo, ServerOptions options, StorageOptions storage, int siloPort)
    {
        silo.UseCchcClustering(storage);
        silo.Services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, StaleSiloRetirement>();
        silo.Configure<ClusterOptions>(cluster =>
        {
            cluster.ClusterId = options.ClusterId;
            cluster.ServiceId = options.ServiceId;
        });
        var advertised = IPAddress.Parse(options.AdvertisedAddress);
        silo.Configure<EndpointOptions>(endpoint =>
        {
            endpoint.AdvertisedIPAddress = advertised;
            endpoint.SiloPort = siloPort;
            endpoint.GatewayPort = options.GatewayPort;

            // On loopback only loopback; with an address others reach, every interface (a container's or pod's IP
            // may not be bindable by name, e.g. behind NAT).
            var any = IPAddress.IsLoopback(advertised) ? advertised : IPAddress.Any;
            endpoint.SiloListeningEndpoint = new IPEndPoint(any, siloPort);
            endpoint.GatewayListeningEndpoint = options.GatewayPort == 0 ? null : new IPEndPoint(any, options.GatewayPort);
        });
        silo.Configure<ClusterMembershipOptions>(ClusterMembership.Configure);
        ClusterDirectory.Configure(silo);
        if (options.Kubernetes)
        {
            // Last: it takes the cluster and service ids from the pod (ORLEANS_CLUSTER_ID, ORLEANS_SERVICE_ID) and
            // reconciles the cluster with the silo pods it watches. Deleting the pods of silos declared dead stays
            // off (the package's default): the Deployment replaces pods itself, and the Role grants no delete.
            silo.UseKubernetesHosting();
        }
    }

    // The silo cannot take port 0 (it advertises its endpoint to the cluster): find a free one below Linux's ephemeral
    // range (32768 and up), where the OS hands out the local ports of outgoing connections; a port from that range,
    // freed and bound again a moment later, is often taken by a database or gRPC connection in between.
    private static int FreePort(string address)
    {
        var ip = IPAddress.Parse(address);
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var port = Random.Shared.Next(20_000, 32_768);
            try
            {
                using var probe = new TcpListener(ip, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken: try another.
            }
        }

        using var listener = new TcpListener(ip, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
