using Cchc.Grains.Ranking;
using Cchc.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace Cchc.Grains.Hosting;

/// <summary>Registers what the domain's grains need on a silo.</summary>
public static class CchcSiloBuilderExtensions
{
    /// <summary>
    /// The score event store over <paramref name="storage"/> (one per silo, migrated at silo start, with its group
    /// commit), the per-silo ranking hub (<see cref="RankingHub"/>, resolve it to serve live watches), the watch bounds,
    /// and <see cref="TimeProvider"/> (the one registered, else the system clock). Orleans grain storage
    /// <see cref="CchcStorage.GrainStorageName"/> for units, frameworks and publications is registered separately
    /// (the ADO.NET provider over the same database, or memory storage in tests).
    /// </summary>
    public static ISiloBuilder AddCchcGrains(this ISiloBuilder silo, StorageOptions storage, Action<RankingWatchOptions>? watch = null)
    {
        ArgumentNullException.ThrowIfNull(silo);
        ArgumentNullException.ThrowIfNull(storage);
        storage.Validate();
        var services = silo.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ScoreStorage>(sp => ScoreStorageFactory.Create(storage with
        {
            TimeProvider = sp.GetRequiredService<TimeProvider>(),
            MeterFactory = sp.GetService<System.Diagnostics.Metrics.IMeterFactory>(),
        }));
        services.AddSingleton<IScoreStorage>(sp => sp.GetRequiredService<ScoreStorage>());
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, ScoreStorageLifecycle>();
        var options = services.AddOptions<RankingWatchOptions>();
        if (watch is not null)
        {
            options.Configure(watch);
        }

        services.AddSingleton<RankingHub>();
        return silo;
    }
}
