namespace Cchc.Grains.Ranking;

public sealed partial class RankingHub
{
    private void ExpireFrame(FrameGroup group)
    {
        int offered;
        lock (_lock)
        {
            offered = group.Expire(_clock);
        }

        RankingMetrics.Queued(offered);
    }

    /// <summary>
    /// The watchers of one ranking on this silo that batch alike (the same most updates per message and wait): the
    /// hub forms their batches once, as <see cref="RankingFeedFrame"/>s, and hands each member the same frame. A frame
    /// closes when it holds <see cref="FeedBatching.MaxUpdates"/> updates or when <see cref="FeedBatching.MaxWait"/>
    /// has passed since its first update, as a watcher's own batch would. A member that falls behind is handed the
    /// frames queued for it joined into one, up to the batch size, as a watcher's own batch would grow.
    /// </summary>
    /// <remarks>
    /// Called only under the hub's lock. Bound: one open frame of at most <see cref="FeedBatching.MaxUpdates"/> updates;
    /// a member's buffer counts a frame's updates against its capacity.
    /// </remarks>
    private sealed class FrameGroup(string rankingKey, FeedBatching batching, Action<FrameGroup> expire) : IDisposable
    {
        private readonly List<RankingFeedUpdate> _open = [];
        private readonly List<long> _offeredAt = [];
        private long _deadline;
        private ITimer? _timer;

        public string RankingKey { get; } = rankingKey;

        public FeedBatching Batching { get; } = batching;

        public List<Watcher> Members { get; } = [];

        /// <summary>Adds the update to the open frame; returns the updates queued to members (a full frame goes out at once).</summary>
        public int Add(RankingFeedUpdate update, long offeredAt, TimeProvider clock)
        {
            var queued = 0;
            if (_open.Count > 0 && update.Version != _open[^1].Version + 1)
            {
                // A frame's versions follow one another; a ranking rebuilt or reactivated starts a new frame.
                queued = Close();
            }

            if (_open.Count == 0)
            {
                _deadline = clock.GetTimestamp() + (long)(Batching.MaxWait.TotalSeconds * clock.TimestampFrequency);
                _timer ??= clock.CreateTimer(_ => expire(this), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
                _timer.Change(Batching.MaxWait, Timeout.InfiniteTimeSpan);
            }

            _open.Add(update);
            _offeredAt.Add(offeredAt);
            return queued + (_open.Count >= Batching.MaxUpdates ? Close() : 0);
        }

        /// <summary>The timer's turn: closes the open frame once its wait is over (a timer set for an earlier frame may fire late).</summary>
        public int Expire(TimeProvider clock)
        {
            if (_open.Count == 0)
            {
                return 0;
            }

            var left = clock.GetElapsedTime(clock.GetTimestamp(), _deadline);
            if (left > TimeSpan.Zero)
            {
                _timer?.Change(left, Timeout.InfiniteTimeSpan);
                return 0;
            }

            return Close();
        }

        public void Dispose() => _timer?.Dispose();

        private int Close()
        {
            var frame = new RankingFeedFrame([.. _open], [.. _offeredAt]);
            _open.Clear();
            _offeredAt.Clear();
            var queued = 0;
            foreach (var member in Members)
            {
                queued += member.Offer(frame) ? frame.Updates.Count : 0;
            }

            return queued;
        }
    }
}
