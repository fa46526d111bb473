using Cchc.Testing;
using Grpc.Health.V1;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using static Grpc.Health.V1.HealthCheckResponse.Types;

namespace Cchc.Observability.Tests;

/// <summary>
/// grpc.health.v1 of the real server (Grpc.AspNetCore.HealthChecks over the storage health check) tracks a real
/// PostgreSQL cluster: NOT_SERVING once it stops, SERVING once it is back, for the server and each API service. The
/// clock that paces the pings is fake; the database, the server and the calls are real.
/// </summary>
[Collection(SharedMetersCollection.Name)]
public sealed class PostgresHealthTests
{
    private const string ScoringService = "cchc.v1.ScoringService";

    [Fact]
    public async Task Health_goes_not_serving_when_postgres_stops_and_serving_when_it_is_back()
    {
        await using var cluster = await PostgresCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync();
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var interval = TimeSpan.FromSeconds(5);
        await using var service = await LiveService.StartAsync(o => o with
        {
            PostgresConnectionString = connectionString,
            TimeProvider = clock,
            HealthCheckInterval = interval,
        });
        var monitor = service.Host.Services.GetRequiredService<StorageHealthMonitor>();
        Assert.Equal(ServingStatus.Serving, await CheckAsync(service, ""));
        Assert.Equal(ServingStatus.Serving, await CheckAsync(service, ScoringService));

        await cluster.StopServerAsync();
        clock.Advance(interval);
        await monitor.CurrentCheck;
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(service, ""));
        Assert.Equal(ServingStatus.NotServing, await CheckAsync(service, ScoringService));

        await cluster.StartServerAsync();

        // A pooled connection broken by the restart may fail one more ping; a few ticks at most bring it back.
        for (var tick = 0; tick < 5 && monitor.IsHealthy != true; tick++)
        {
            clock.Advance(interval);
            await monitor.CurrentCheck;
        }

        Assert.Equal(ServingStatus.Serving, await CheckAsync(service, ""));
        Assert.Equal(ServingStatus.Serving, await CheckAsync(service, ScoringService));
    }

    private static async Task<ServingStatus> CheckAsync(LiveService service, string name) =>
        (await service.Health.CheckAsync(new HealthCheckRequest { Service = name })).Status;
}
