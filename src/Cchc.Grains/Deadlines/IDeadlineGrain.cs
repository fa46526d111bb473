using Cchc.Grains.Scoring;

namespace Cchc.Grains.Deadlines;

/// <summary>
/// The stage windows of one scope (a province, or a district up to 2024) for one period, and the extensions given
/// in it. Key: "scope/period", e.g. "30/2023". It calls leaf grains (unit, publication), for a province its districts'
/// deadline grains, which call no deadline grain back, and its watchers' change notices, which interleave; commune
/// grains watch it (<see cref="IDeadlineWatcher"/>) and check a write against their copy.
/// </summary>
public interface IDeadlineGrain : IGrainWithStringKey
{
    /// <summary>Replaces the windows, after checking them all (every problem at once).</summary>
    /// <exception cref="RequestRejectedException">InvalidArgument with every problem; FailedPrecondition once published. Nothing changed.</exception>
    Task<DeadlineSchedule> SetAsync(IReadOnlyList<WindowInput> windows, string principal, CancellationToken cancellationToken = default);

    /// <summary>The windows and the whole extension log.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<DeadlineSchedule> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>Extends one commune's window for a stage and appends the audit entry.</summary>
    /// <exception cref="RequestRejectedException">InvalidArgument, NotFound or FailedPrecondition, saying why; nothing changed.</exception>
    Task<DeadlineExtension> ExtendAsync(ExtensionRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes (or renews) a commune's watch, told of every change until the subscription expires
    /// (<see cref="Ranking.RankingWatchOptions.SubscriptionExpiry"/>) or this grain deactivates; returns the scope's
    /// windows with the commune's latest extension of each. Not interleaved: a change is stored and its watchers told
    /// before a watch reads it.
    /// </summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<IReadOnlyList<CommuneWindow>> WatchAsync(IDeadlineWatcher watcher, string communeCode, CancellationToken cancellationToken = default);

    /// <summary>The scope's window for the stage with the commune's latest extension, or null when the scope set none for it.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<CommuneWindow?> WindowForAsync(string communeCode, ScoreStage stage, CancellationToken cancellationToken = default);
}
