using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Grains.Publication;
using Cchc.Grains.Ranking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Utilities;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// Holds one framework, validated once; readers cache the core framework on its version. A put lists its year in the
/// province's <see cref="IFrameworkYearsGrain"/> (a leaf) before storing, and tells its watchers before it is
/// acknowledged. Watchers are the communes and rankings of the province and year, one entry each (a renewal replaces
/// it), so the list is bounded by the province's units; expired entries are cleared before each put's notices.
/// </summary>
public sealed partial class FrameworkGrain(
    [PersistentState("framework", CchcStorage.GrainStorageName)] IPersistentState<FrameworkGrain.StoredFramework> state,
    IOptions<RankingWatchOptions> options,
    TimeProvider clock,
    ILogger<FrameworkGrain> logger)
    : Grain, IFrameworkGrain
{
    private VersionedFramework? _current;
    private ObserverManager<IFrameworkWatcher>? _watchers;

    private ObserverManager<IFrameworkWatcher> Watchers => _watchers ??= new(options.Value.SubscriptionExpiry, logger)
    {
        GetDateTime = () => clock.GetUtcNow().UtcDateTime,
    };

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _current = Current();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        TellWatchersAsync(static (w, key) => w.OnFrameworkLeavingAsync(key));

    public async Task<VersionedFramework> PutAsync(FrameworkState definition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var (province, year) = ParseKey();
        if (definition.Year != year)
        {
            throw RequestRejectedException.Invalid($"The framework says year {definition.Year}, but it is put for {year}; give the same year.");
        }

        var framework = Validate(definition);
        foreach (var kind in (_current?.Definition.Periods ?? []).Union(definition.Periods))
        {
            foreach (var period in PeriodsOf(year, kind))
            {
                var publication = await GrainFactory.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(province, period)).GetAsync(cancellationToken);
                if (publication is not null)
                {
                    throw RequestRejectedException.Precondition(
                        $"Province {province} published its results for {period} on {publication.PublishedAt:yyyy-MM-dd}; " +
                        $"the {year} framework can no longer change.");
                }
            }
        }

        // Listed first: a year listed without a framework (this write then failing) is skipped by readers, while a
        // framework stored but not listed would be missing from every commune's history.
        await GrainFactory.GetGrain<IFrameworkYearsGrain>(province).AddAsync(year, cancellationToken);
        await GrainStateWrites.WriteAsync(state, new StoredFramework { Definition = definition, Version = state.State.Version + 1 },
            $"the {year} framework of province {province}");
        _current = new VersionedFramework(state.State.Version, definition, framework.Leaves.Count);
        await TellWatchersAsync(static (w, key) => w.OnFrameworkChangedAsync(key));
        return _current;
    }

    public Task<VersionedFramework?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(_current);

    public Task<long> GetVersionAsync(CancellationToken cancellationToken = default) => Task.FromResult(_current?.Version ?? 0);

    public Task<long> WatchAsync(IFrameworkWatcher watcher, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(watcher);
        Watchers.Subscribe(watcher, watcher);
        return GetVersionAsync(cancellationToken);
    }

    private Task TellWatchersAsync(Func<IFrameworkWatcher, string, Task> notice)
    {
        var key = this.GetPrimaryKeyString();
        return WatcherNotices.TellAsync(_watchers, key, notice, (watcher, e) => LogWatcherDropped(logger, key, watcher.GetPrimaryKeyString(), e.Message));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Framework {Key} could not tell watcher {Watcher} of a change ({Reason}); dropped, it asks again on renewal.")]
    private static partial void LogWatcherDropped(ILogger logger, string key, string watcher, string reason);

    private VersionedFramework? Current() =>
        state.State.Definition is { } stored
            ? new VersionedFramework(state.State.Version, stored, Validate(stored).Leaves.Count)
            : null;

    private static Framework Validate(FrameworkState definition)
    {
        try
        {
            return Framework.Create(FrameworkStateMapper.ToDefinition(definition));
        }
        catch (FrameworkValidationException e)
        {
            // The core's exception stays in this silo; its message (every problem, each actionable) crosses.
            throw RequestRejectedException.Invalid(e.Message);
        }
        catch (NotSupportedException e)
        {
            throw RequestRejectedException.Invalid(e.Message);
        }
    }

    private (string Province, int Year) ParseKey()
    {
        var key = this.GetPrimaryKeyString();
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], int.Parse(key[(slash + 1)..], System.Globalization.CultureInfo.InvariantCulture));
    }

    private static IEnumerable<Period> PeriodsOf(int year, PeriodKind kind) => kind switch
    {
        PeriodKind.Year => [Period.Annual(year)],
        PeriodKind.HalfYear => [Period.Half(year, 1), Period.Half(year, 2)],
        _ => Enumerable.Range(1, 4).Select(q => Period.Quarter(year, q)),
    };

    /// <summary>The stored definition and its version (0 before the first put).</summary>
    [GenerateSerializer, Alias("cchc.FrameworkGrain.StoredFramework")]
    public sealed class StoredFramework
    {
        [Id(0)]
        public FrameworkState? Definition { get; set; }

        [Id(1)]
        public long Version { get; set; }
    }
}
