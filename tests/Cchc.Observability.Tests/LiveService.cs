using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;
using Cchc.Grains;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Server.Hosting;
using Cchc.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Observability.Tests;

/// <summary>
/// The real cchc-server in this process (<see cref="CchcServerHost"/>: the Orleans silo, Kestrel with gRPC health and
/// the prometheus-net /metrics listener) over SQLite in a temp directory, with authentication off, seeded with one
/// district of two communes through the grains. <see cref="RunWorkloadAsync"/> moves instruments of every meter.
/// prometheus-net's registry is process-wide, so tests read what changed between two scrapes.
/// </summary>
internal sealed class LiveService : IAsyncDisposable
{
    public const string Province = "48";
    public const int Year = 2024;
    public const string District = "490";
    public static readonly string[] CommuneCodes = ["20194", "20197"];

    private readonly string _dataDirectory;
    private readonly GrpcChannel _channel;

    private LiveService(CchcServerHost host, string dataDirectory)
    {
        Host = host;
        _dataDirectory = dataDirectory;
        _channel = GrpcChannel.ForAddress(host.Address);
        Health = new Health.HealthClient(_channel);
    }

    public CchcServerHost Host { get; }

    public Health.HealthClient Health { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    /// <summary>This server's ranking hub: what WatchRanking streams read from.</summary>
    public RankingHub Hub => Host.Services.GetRequiredService<RankingHub>();

    public IRankingGrain Ranking => Grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(Province, Period.Annual(Year)));

    public IRankingGrain DistrictRanking => Grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(District, Period.Annual(Year)));

    public static async Task<LiveService> StartAsync(Func<ServerOptions, ServerOptions>? configure = null)
    {
        var dataDirectory = Directory.CreateTempSubdirectory("cchc-obs-").FullName;
        var options = new ServerOptions
        {
            Port = LoopbackPort.Free(),
            DataDirectory = dataDirectory,
            MetricsListen = "127.0.0.1:0",
            InsecureNoAuth = true,
            ShutdownTimeout = TimeSpan.FromSeconds(5),
        };
        var host = await CchcServerHost.StartAsync(configure is null ? options : configure(options));
        var service = new LiveService(host, dataDirectory);
        await service.Grains.GetGrain<IUnitRegistryGrain>(Province).ImportAsync(Units());
        await service.Grains.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year)).PutAsync(FrameworkStateMapper.ToState(Framework()));
        return service;
    }

    /// <summary>
    /// Activates both rankings a commune reports to, so each later submission is an applied update in both
    /// (a ranking activated by an update reads the score at activation instead).
    /// </summary>
    public async Task ActivateRankingsAsync()
    {
        await Ranking.GetRankingAsync(null, 0, 1);
        await DistrictRanking.GetRankingAsync(null, 0, 1);
    }

    /// <summary>Health checks (one for an unknown service), a Watch stream, score submissions seen by a ranking watcher.</summary>
    public async Task RunWorkloadAsync(int healthChecks)
    {
        for (var i = 0; i < healthChecks; i++)
        {
            await Health.CheckAsync(new HealthCheckRequest());
        }

        var missing = await Assert.ThrowsAsync<RpcException>(() => Health.CheckAsync(new HealthCheckRequest { Service = "no.such.Service" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);

        using (var watch = Health.Watch(new HealthCheckRequest()))
        {
            Assert.True(await watch.ResponseStream.MoveNext());
            Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, watch.ResponseStream.Current.Status);
        }

        await ActivateRankingsAsync();
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        await using var feed = Watch(stop.Token);
        Assert.True(await feed.MoveNextAsync());
        Assert.NotNull(feed.Current.Snapshot);
        var points = 40m;
        foreach (var code in CommuneCodes)
        {
            await SubmitAsync(code, points += 10);
            Assert.True(await feed.MoveNextAsync());
            Assert.Equal(code, feed.Current.Update?.UnitCode);
        }

        // The district's updates are one-way calls; a call behind them in its mailbox waits them out.
        await DistrictRanking.GetRankingAsync(null, 0, 1);
    }

    /// <summary>A live watch of the province's overall ranking through this server's hub, as WatchRanking reads it.</summary>
    public IAsyncEnumerator<RankingFeedItem> Watch(CancellationToken cancellationToken) =>
        Hub.WatchAsync(Province, Period.Annual(Year), null, 0, cancellationToken).GetAsyncEnumerator(cancellationToken);

    public Task SubmitAsync(string communeCode, decimal points) =>
        Grains.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(communeCode, Period.Annual(Year)))
            .SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, [new ItemSubmission("1.1", ScoreValue.OfPoints(points))], "observability-test"));

    /// <summary>GETs /metrics over HTTP/1.1 like a scraper does.</summary>
    public async Task<(HttpResponseMessage Response, string Body)> ScrapeAsync()
    {
        using var http = new HttpClient();
        var response = await http.GetAsync(Host.MetricsAddress);
        return (response, await response.Content.ReadAsStringAsync());
    }

    public async Task<Scrape> ScrapeTextAsync() => new((await ScrapeAsync()).Body);

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await Host.DisposeAsync();
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
