using Cchc.Core;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Hosting;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Cchc.Grains.Tests;

/// <summary>
/// Real silos (Orleans TestingHost, in process) with the grains over real storage. Calls go through the cluster
/// client, so every record and exception crosses a serializer as it would between servers. The grains' clock is a
/// <see cref="FakeTimeProvider"/>; Orleans' own background work keeps real time. A test may add to each silo (a call filter).
/// </summary>
internal sealed class CchcCluster : IAsyncDisposable
{
    // Fixed, so that a cluster started again on the same database reads the state the first one stored.
    private const string ServiceId = "cchc-grains-tests";

    private readonly InProcessTestCluster _cluster;

    private CchcCluster(InProcessTestCluster cluster, StorageOptions storage, FakeTimeProvider clock, ScoreStorage reader)
    {
        _cluster = cluster;
        Options = storage;
        Clock = clock;
        Storage = reader;
    }

    public StorageOptions Options { get; }

    public FakeTimeProvider Clock { get; }

    /// <summary>A store of the test's own on the same database, for reading what the grains stored.</summary>
    public ScoreStorage Storage { get; }

    public IClusterClient Grains => _cluster.Client;

    public InProcessTestCluster Cluster => _cluster;

    /// <summary>The first silo's services (its hub, its score store).</summary>
    public IServiceProvider Services => _cluster.Silos[0].ServiceProvider;

    public RankingHub Hub => Services.GetRequiredService<RankingHub>();

    public static async Task<CchcCluster> StartAsync(StorageOptions storage, FakeTimeProvider? clock = null,
        Action<RankingWatchOptions>? watch = null, short silos = 1, Action<ISiloBuilder>? silo = null)
    {
        clock ??= new FakeTimeProvider(new DateTimeOffset(2024, 11, 20, 8, 0, 0, TimeSpan.FromHours(7)));
        var builder = new InProcessTestClusterBuilder(silos);
        builder.Options.ServiceId = ServiceId;
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureSilo((_, host) =>
        {
            host.Services.AddSingleton<TimeProvider>(clock);
            host.Services.UseTimeProviderForBackgroundAreas(TimeProvider.System);
            host.AddCchcGrains(storage, watch);
            silo?.Invoke(host);
        });
        // A cancelled call completes once the grain has handled the cancellation, so a test sees what the grain did.
        builder.ConfigureClient(client => client.Configure<ClientMessagingOptions>(o => o.WaitForCancellationAcknowledgement = true));
        var cluster = builder.Build();
        try
        {
            await cluster.DeployAsync();
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }

        return new CchcCluster(cluster, storage, clock, ScoreStorageFactory.Create(storage));
    }

    public T Grain<T>(string key)
        where T : IGrainWithStringKey => Grains.GetGrain<T>(key);

    public ICommuneGrain Commune(string code, int year) => Grain<ICommuneGrain>(GrainKeys.ForPeriod(code, Period.Annual(year)));

    public IRankingGrain Ranking(string scope, int year) => Grain<IRankingGrain>(GrainKeys.ForPeriod(scope, Period.Annual(year)));

    /// <summary>Waits (up to 30 s) until the scope's ranking of the year has taken <paramref name="version"/> batches.</summary>
    public async Task WaitForRankingAsync(string scope, int year, long version)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await Ranking(scope, year).GetRankingAsync(null, 0, 0)).Version < version)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }

    public async Task SeedAsync(UnitEdition edition, int year, FrameworkState? framework = null)
    {
        await Grain<IUnitRegistryGrain>(edition.ProvinceCode).ImportAsync(edition);
        await Grain<IFrameworkGrain>(GrainKeys.ForYear(edition.ProvinceCode, year)).PutAsync(framework ?? TestFramework.For(year));
    }

    /// <summary>The stored stream of a commune's year, read by the test's own store.</summary>
    public Task<StoredStream> StreamAsync(string commune, int year) =>
        Storage.ReadStreamAsync(CommuneGrain.StreamIdOf(commune, Period.Annual(year)));

    public IAsyncEnumerable<AuditEntry> AuditAsync(string commune, int year) => Storage.ReadAuditAsync(commune, Period.Annual(year).ToString());

    public async ValueTask DisposeAsync()
    {
        try
        {
            await _cluster.StopAllSilosAsync();
        }
        finally
        {
            await _cluster.DisposeAsync();
            await Storage.DisposeAsync();

            // Orleans' ADO.NET provider pools its connections per connection string; a test per database would
            // otherwise keep a pool per test open until the server refuses more clients.
            if (Options.Provider == StorageProvider.PostgreSql)
            {
                NpgsqlConnection.ClearAllPools();
            }
        }
    }
}
