using Cchc.Grpc;
using Cchc.Grpc.Client;
using Cchc.Grpc.Health;
using Cchc.Storage;
using Cchc.Testing;
using Grpc.Health.V1;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Cchc.Observability.Tests;

/// <summary>
/// grpc.health.v1 over a real gRPC server tracks a real PostgreSQL cluster: NOT_SERVING once it stops, SERVING
/// once it is back. The clock is manual; the database and the calls are real.
/// </summary>
[Collection(SharedMetersCollection.Name)]
public sealed class PostgresHealthTests
{
    private const string ScoreService = "cchc.v1.ScoreService";

    [Fact]
    public async Task Health_goes_not_serving_when_postgres_stops_and_serving_when_it_is_back()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync();
        await using var storage = await ScoreStorageFactory.OpenAsync(StorageOptions.ForPostgreSql(connectionString));
        var health = new GrpcHealthService();
        await using var server = await GrpcServer.StartAsync(new GrpcServiceRegistry().AddHealthService(health),
            new GrpcServerOptions { Port = LoopbackPort.Free() });
        using var client = new GrpcClient(server.Address);
        var clock = new ManualTimeProvider();
        var logger = new ListLogger();
        var interval = TimeSpan.FromSeconds(5);
        await using var monitor = new StorageHealthMonitor(health, ["", ScoreService], storage.PingAsync,
            new StorageHealthMonitorOptions { Interval = interval, TimeProvider = clock, ProviderName = storage.ProviderName }, logger);

        monitor.Start();
        await monitor.CurrentCheck;
        Assert.Equal(ServingStatus.Serving, await CheckAsync(client, ""));
        Assert.Equal(ServingStatus.Serving, await CheckAsync(client, ScoreService));

        await cluster.StopServerAsync();
        clock.Advance(interval);
        await monitor.CurrentCheck;
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(client, ""));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(client, ScoreService));

        await cluster.StartServerAsync();

        // A pooled connection broken by the restart may fail one more ping; a few ticks at most bring it back.
        for (var tick = 0; tick < 5 && monitor.IsHealthy != true; tick++)
        {
            clock.Advance(interval);
            await monitor.CurrentCheck;
        }

        Assert.Equal(ServingStatus.Serving, await CheckAsync(client, ""));
        Assert.Equal(ServingStatus.Serving, await CheckAsync(client, ScoreService));
        Assert.Equal(["StorageReachable", "StorageUnreachable", "StorageReachable"], logger.Entries.Select(e => e.Event));
        Assert.DoesNotContain(logger.Entries, e => e.Message.Contains(connectionString, StringComparison.Ordinal));
    }

    private static async Task<ServingStatus> CheckAsync(GrpcClient client, string service) =>
        (await client.UnaryAsync(LiveService.Check, new HealthCheckRequest { Service = service })).Status;
}
