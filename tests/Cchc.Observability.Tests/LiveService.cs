using System.Net;
using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;
using Cchc.Grains;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Grpc;
using Cchc.Grpc.Client;
using Cchc.Grpc.Health;
using Cchc.Runtime;
using Cchc.Storage;
using Cchc.Testing;
using Grpc.Health.V1;

namespace Cchc.Observability.Tests;

/// <summary>
/// The pieces of the service, real and on loopback: an exporter with its /metrics listener, a gRPC server with
/// the health service, the domain grains on a grain runtime over SQLite in a temp directory, seeded with one
/// district of two communes. <see cref="RunWorkloadAsync"/> moves instruments of every meter.
/// </summary>
internal sealed class LiveService : IAsyncDisposable
{
    public const string Province = "48";
    public const int Year = 2024;
    public static readonly string[] CommuneCodes = ["20194", "20197"];

    public static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Check =
        new(GrpcMethodType.Unary, GrpcHealthService.ServiceName, "Check");

    public static readonly GrpcMethod<HealthCheckRequest, HealthCheckResponse> Watch =
        new(GrpcMethodType.ServerStreaming, GrpcHealthService.ServiceName, "Watch");

    private readonly string _dataDirectory;

    private LiveService(PrometheusExporter exporter, MetricsEndpoint endpoint, GrpcServer server, GrpcHealthService health,
        ScoreStorage storage, GrainRuntime runtime, string dataDirectory)
    {
        Exporter = exporter;
        Endpoint = endpoint;
        Server = server;
        Health = health;
        Storage = storage;
        Runtime = runtime;
        Client = new GrpcClient(server.Address);
        _dataDirectory = dataDirectory;
    }

    public PrometheusExporter Exporter { get; }

    public MetricsEndpoint Endpoint { get; }

    public GrpcServer Server { get; }

    public GrpcHealthService Health { get; }

    public ScoreStorage Storage { get; }

    public GrainRuntime Runtime { get; }

    public GrpcClient Client { get; }

    public static async Task<LiveService> StartAsync()
    {
        var exporter = new PrometheusExporter();
        var endpoint = await MetricsEndpoint.StartAsync(exporter, new IPEndPoint(IPAddress.Loopback, 0));
        var health = new GrpcHealthService();
        var registry = new GrpcServiceRegistry().AddHealthService(health);
        var server = await GrpcServer.StartAsync(registry, new GrpcServerOptions { Port = LoopbackPort.Free() });
        var dataDirectory = Directory.CreateTempSubdirectory("cchc-obs-").FullName;
        var storage = await ScoreStorageFactory.OpenAsync(StorageOptions.ForSqlite(dataDirectory));
        var runtime = new GrainRuntimeBuilder().AddCchcGrains(storage).Build();
        await runtime.StartAsync();
        await runtime.GetGrain<IUnitRegistryGrain>(Province).ImportAsync(Units());
        await runtime.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year)).PutAsync(Framework());
        return new LiveService(exporter, endpoint, server, health, storage, runtime, dataDirectory);
    }

    public const string District = "490";

    public IRankingGrain Ranking => Runtime.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(Province, Period.Annual(Year)));

    public IRankingGrain DistrictRanking => Runtime.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(District, Period.Annual(Year)));

    /// <summary>
    /// Activates both rankings a commune reports to, so each later submission is an applied update in both
    /// (a ranking activated by an update reads the score at activation instead).
    /// </summary>
    public async Task ActivateRankingsAsync()
    {
        await Ranking.GetRankingAsync(null, 0, 1);
        await DistrictRanking.GetRankingAsync(null, 0, 1);
    }

    /// <summary>Health checks (some for an unknown service), a Watch stream, score submissions seen by a ranking watcher.</summary>
    public async Task RunWorkloadAsync(int healthChecks)
    {
        for (var i = 0; i < healthChecks; i++)
        {
            await Client.UnaryAsync(Check, new HealthCheckRequest());
        }

        var missing = await Assert.ThrowsAsync<GrpcStatusException>(() =>
            Client.UnaryAsync(Check, new HealthCheckRequest { Service = "no.such.Service" }));
        Assert.Equal(GrpcStatusCode.NotFound, missing.StatusCode);

        await using (var watch = Client.ServerStreaming(Watch, new HealthCheckRequest()))
        {
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, (await watch.ReadAsync())!.Status);
        }

        await ActivateRankingsAsync();
        using var subscription = await Ranking.SubscribeAsync(null, 0);
        var points = 40m;
        foreach (var code in CommuneCodes)
        {
            await SubmitAsync(code, points += 10);
            var change = await subscription.Events.ReadAsync();
            Assert.Equal(code, change.UnitCode);
        }

        // The district's updates are one-way calls; a call behind them in its mailbox waits them out.
        await DistrictRanking.GetRankingAsync(null, 0, 1);
    }

    public Task SubmitAsync(string communeCode, decimal points) =>
        Runtime.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(communeCode, Period.Annual(Year)))
            .SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, [new ItemSubmission("1.1", new PointsInput(points))], "observability-test"));

    /// <summary>GETs /metrics over HTTP/1.1 like a scraper does.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> ScrapeAsync()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(Endpoint.Address);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
        await Runtime.StopAsync();
        await Runtime.DisposeAsync();
        await Storage.DisposeAsync();
        await Endpoint.DisposeAsync();
        Exporter.Dispose();
        Directory.Delete(_dataDirectory, recursive: true);
    }

    private static UnitEdition Units() => new(Province, 0, Year,
    [
        new UnitRecord(Province, "Thành phố Đà Nẵng", UnitLevel.Province, "Thành phố Trung ương", "", []),
        new UnitRecord(District, "Quận Liên Chiểu", UnitLevel.District, "Quận", Province, []),
        new UnitRecord(CommuneCodes[0], "Phường Hòa Hiệp Bắc", UnitLevel.Commune, "Phường", District, []),
        new UnitRecord(CommuneCodes[1], "Phường Hòa Hiệp Nam", UnitLevel.Commune, "Phường", District, []),
    ]);

    private static FrameworkDefinition Framework() => new(
        $"Bộ chỉ số CCHC cấp xã năm {Year}",
        Year,
        [PeriodKind.Year],
        [
            FrameworkNode.Group("1", "Công tác chỉ đạo, điều hành", 100m,
                FrameworkNode.Leaf("1.1", "Kế hoạch CCHC năm", 100m, new ManualPoints())),
        ],
        ClassBand.Common);
}
