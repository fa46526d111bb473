using Orleans.Concurrency;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// A province's framework for one year. Key: "province/year", e.g. "30/2022". It awaits only publication grains, the
/// province's framework years (leaves) and its watchers' change notices, which interleave. Its reads interleave with a
/// put (they answer what is stored until the put stores), so a watcher that a put is notifying may read it.
/// </summary>
public interface IFrameworkGrain : IGrainWithStringKey
{
    /// <summary>Validates and stores a framework; refused once a period it serves has been published.</summary>
    /// <exception cref="RequestRejectedException">
    /// InvalidArgument with every problem of the definition, or FailedPrecondition when a period is published.
    /// </exception>
    Task<VersionedFramework> PutAsync(FrameworkState definition, CancellationToken cancellationToken = default);

    /// <summary>The stored framework with its version, or null.</summary>
    [AlwaysInterleave, ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<VersionedFramework?> GetAsync(CancellationToken cancellationToken = default);

    /// <summary>The stored framework's version, 0 when there is none: a cheap check before <see cref="GetAsync"/>.</summary>
    [AlwaysInterleave, ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<long> GetVersionAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes (or renews) a watcher, told of every put until the subscription expires
    /// (<see cref="Ranking.RankingWatchOptions.SubscriptionExpiry"/>) or this grain deactivates; returns the stored
    /// version, 0 when there is none.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<long> WatchAsync(IFrameworkWatcher watcher, CancellationToken cancellationToken = default);
}
