using System.Threading.Channels;

namespace Cchc.Grains.Ranking;

/// <summary>
/// A live view of a ranking: either a snapshot or the events missed since the version the watcher resumed from,
/// then every event as it happens. If the watcher falls too far behind, <see cref="Events"/> completes with
/// <see cref="RankingResyncRequiredException"/>: subscribe again to get a fresh start instead of a silent gap.
/// In-process seam: with Orleans this becomes a grain observer or a stream.
/// </summary>
public sealed class RankingSubscription : IDisposable
{
    private readonly Action<RankingSubscription> _unsubscribe;

    internal RankingSubscription(int capacity, Action<RankingSubscription> unsubscribe)
    {
        _unsubscribe = unsubscribe;
        Channel = System.Threading.Channels.Channel.CreateBounded<RankingEvent>(
            new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
    }

    /// <summary>The ranking at subscription, or null when <see cref="Missed"/> brings the watcher up to date.</summary>
    public RankingView? Snapshot { get; internal set; }

    /// <summary>Events after the version the watcher resumed from, oldest first.</summary>
    public IReadOnlyList<RankingEvent> Missed { get; internal set; } = [];

    public ChannelReader<RankingEvent> Events => Channel.Reader;

    internal Channel<RankingEvent> Channel { get; }

    internal void Offer(RankingEvent change)
    {
        if (!Channel.Writer.TryWrite(change))
        {
            Channel.Writer.TryComplete(new RankingResyncRequiredException(change.Version));
            _unsubscribe(this);
        }
    }

    public void Dispose()
    {
        Channel.Writer.TryComplete();
        _unsubscribe(this);
    }
}
