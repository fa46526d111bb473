using Cchc.Grains.Frameworks;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Cchc.Grains.Ranking;

/// <summary>
/// Renews the hub's subscriptions as soon as the cluster declares a silo dead. A ranking that lived there comes back
/// on another silo with no subscribers; waiting for the periodic renewal would leave its watchers on this silo without
/// updates for up to <see cref="RankingWatchOptions.RenewEvery"/>. Renewing at once meets the new activation, whose new
/// epoch sends every watcher a resync snapshot. It also counts the deaths for this silo's framework watches
/// (<see cref="FrameworkWatches"/>).
/// </summary>
internal sealed partial class RankingFailoverWatch(
    IClusterMembershipService membership, RankingHub hub, FrameworkWatches frameworks, ILogger<RankingFailoverWatch> logger)
    : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(RankingFailoverWatch), ServiceLifecycleStage.Active, Start, Stop);

    private Task Start(CancellationToken cancellationToken)
    {
        _loop = Task.Run(() => WatchAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task Stop(CancellationToken cancellationToken)
    {
        await _stop.CancelAsync();
        await _loop.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        // Silos dead before this one started (rows of earlier runs) are no news.
        var dead = Dead(membership.CurrentSnapshot).ToHashSet();
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(cancellationToken))
            {
                var news = Dead(snapshot).Where(dead.Add).ToList();
                if (news.Count > 0)
                {
                    frameworks.SilosDied(news.Count);
                    LogSiloDead(logger, string.Join(", ", news), hub.FeedCount);
                    hub.RenewAll();
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static IEnumerable<SiloAddress> Dead(ClusterMembershipSnapshot snapshot) =>
        snapshot.Members.Values.Where(m => m.Status == SiloStatus.Dead).Select(m => m.SiloAddress);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silos} declared dead; renewing {Feeds} ranking subscriptions now.")]
    private static partial void LogSiloDead(ILogger logger, string silos, int feeds);
}
