using System.Diagnostics.CodeAnalysis;
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
    private readonly Channel<Queued> _channel;

    internal RankingSubscription(int capacity, Action<RankingSubscription> unsubscribe)
    {
        _unsubscribe = unsubscribe;
        _channel = Channel.CreateBounded<Queued>(
            new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = true, FullMode = BoundedChannelFullMode.Wait });
        Events = new DeliveryTimingReader(_channel.Reader);
    }

    /// <summary>The ranking at subscription, or null when <see cref="Missed"/> brings the watcher up to date.</summary>
    public RankingView? Snapshot { get; internal set; }

    /// <summary>Events after the version the watcher resumed from, oldest first.</summary>
    public IReadOnlyList<RankingEvent> Missed { get; internal set; } = [];

    public ChannelReader<RankingEvent> Events { get; }

    internal void Offer(RankingEvent change)
    {
        if (_channel.Writer.TryWrite(new Queued(change, RankingMetrics.Timestamp())))
        {
            RankingMetrics.EventOffered();
            return;
        }

        RankingMetrics.Resynced();
        _channel.Writer.TryComplete(new RankingResyncRequiredException(change.Version));
        _unsubscribe(this);
    }

    /// <summary>Ends the live view: the ranking is going away or was rebuilt, so the watcher must subscribe again.</summary>
    internal void Resync(long version)
    {
        if (_channel.Writer.TryComplete(new RankingResyncRequiredException(version)))
        {
            RankingMetrics.Resynced();
        }

        _unsubscribe(this);
    }

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        _unsubscribe(this);
    }

    /// <summary>An event with the moment it was queued, so its reading can be timed as a delivery.</summary>
    private readonly record struct Queued(RankingEvent Event, long OfferedAt);

    /// <summary>The queue's reader, unwrapping events and timing each one the watcher takes.</summary>
    private sealed class DeliveryTimingReader(ChannelReader<Queued> inner) : ChannelReader<RankingEvent>
    {
        public override Task Completion => inner.Completion;

        public override bool CanCount => inner.CanCount;

        public override int Count => inner.Count;

        public override bool CanPeek => inner.CanPeek;

        public override bool TryRead([MaybeNullWhen(false)] out RankingEvent item)
        {
            if (inner.TryRead(out var queued))
            {
                RankingMetrics.Delivered(queued.OfferedAt);
                item = queued.Event;
                return true;
            }

            item = null;
            return false;
        }

        public override bool TryPeek([MaybeNullWhen(false)] out RankingEvent item)
        {
            var found = inner.TryPeek(out var queued);
            item = found ? queued.Event : null;
            return found;
        }

        public override ValueTask<bool> WaitToReadAsync(CancellationToken cancellationToken = default) =>
            inner.WaitToReadAsync(cancellationToken);

        // The channel's own ReadAsync, so a cut-off watcher still sees ChannelClosedException as before.
        public override async ValueTask<RankingEvent> ReadAsync(CancellationToken cancellationToken = default)
        {
            var queued = await inner.ReadAsync(cancellationToken);
            RankingMetrics.Delivered(queued.OfferedAt);
            return queued.Event;
        }
    }
}
