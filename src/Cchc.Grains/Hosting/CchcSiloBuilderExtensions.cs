using Cchc.Grains.Frameworks;
using Cchc.Grains.Maintenance;
using Cchc.Grains.Ranking;
using Cchc.Storage;
using Cchc.Storage.OrleansAdoNet;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Hosting;

namespace Cchc.Grains.Hosting;

/// <summary>Registers what the domain's grains need on a silo.</summary>
public static class CchcSiloBuilderExtensions
{
    /// <summary>
    /// Everything over one database (<paramref name="storage"/>: SQLite or PostgreSQL), its schema brought up to date
    /// at silo start: the Orleans ADO.NET grain storage <see cref="CchcStorage.GrainStorageName"/> (units, frameworks,
    /// publications), the score event store (one per silo, with its group commit; resolve <see cref="IScoreStorage"/>
    /// for health checks), the per-silo ranking hub (resolve <see cref="RankingHub"/> to serve live watches), the watch
    /// bounds, durable reminders in the same database (SQLite or PostgreSQL) with the cluster's idempotency pruner
    /// registered on them at start, and <see cref="TimeProvider"/> (the one registered, else the system clock).
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

        services.AddOptions<IdempotencyPruningOptions>().Configure(pruning =>
        {
            pruning.Retention = storage.IdempotencyRetention;
            pruning.BatchSize = storage.PruneBatchSize;
        });
        services.AddSingleton<IdempotencyPruningStart>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>>(sp => sp.GetRequiredService<IdempotencyPruningStart>());
        silo.UseCchcReminderService(storage);
        services.AddSingleton<RankingHub>();
        services.AddSingleton<FirstPageCopies>();
        services.AddSingleton<RankingBoards>();
        services.AddSingleton<FrameworkWatches>();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, RankingFailoverWatch>();
        silo.AddIncomingGrainCallFilter<StorageFailureFilter>();
        silo.AddOutgoingGrainCallFilter<StorageFailureFilter>();
        return silo.AddCchcGrainStorage(CchcStorage.GrainStorageName, storage);
    }
}
