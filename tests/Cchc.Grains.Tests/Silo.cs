using Cchc.Core;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Runtime;
using Cchc.Storage;

namespace Cchc.Grains.Tests;

/// <summary>The grains on a real runtime over real storage (SQLite in a temp directory unless told otherwise).</summary>
internal sealed class Silo : IAsyncDisposable
{
    private Silo(ScoreStorage storage, GrainRuntime runtime)
    {
        Storage = storage;
        Runtime = runtime;
    }

    public ScoreStorage Storage { get; }

    public GrainRuntime Runtime { get; }

    public static async Task<Silo> StartAsync(StorageOptions options)
    {
        var storage = await ScoreStorageFactory.OpenAsync(options);
        var runtime = new GrainRuntimeBuilder().AddCchcGrains(storage).Build();
        await runtime.StartAsync();
        return new Silo(storage, runtime);
    }

    public T Grain<T>(string key)
        where T : IGrainWithStringKey => Runtime.GetGrain<T>(key);

    public ICommuneGrain Commune(string code, int year) => Grain<ICommuneGrain>(GrainKeys.ForPeriod(code, Period.Annual(year)));

    public Ranking.IRankingGrain Ranking(string scope, int year) => Grain<Ranking.IRankingGrain>(GrainKeys.ForPeriod(scope, Period.Annual(year)));

    public async Task SeedAsync(UnitEdition edition, int year)
    {
        await Grain<IUnitRegistryGrain>(edition.ProvinceCode).ImportAsync(edition);
        await Grain<IFrameworkGrain>(GrainKeys.ForYear(edition.ProvinceCode, year)).PutAsync(TestFramework.For(year));
    }

    public async ValueTask DisposeAsync()
    {
        await Runtime.StopAsync();
        await Runtime.DisposeAsync();
        await Storage.DisposeAsync();
    }
}
