using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Cchc.Core;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Cchc.Grains.Ranking;

/// <summary>
/// The one observer of live rankings per silo: it subscribes once to each ranking that this silo's watchers follow
/// (renewing before the subscription expires, which also keeps the ranking active) and fans each change out to those
/// watchers through bounded per-watcher buffers. Nothing hands a channel out of a grain: the grain only calls this
/// observer, and watchers read through <see cref="WatchAsync"/>.
/// </summary>
/// <remarks>
/// Bounds: <see cref="RankingWatchOptions.WatcherBufferCapacity"/> updates per watcher, a shared frame counting as its
/// updates (when full, the watcher's next read is a resync snapshot instead of the dropped updates) and
/// <see cref="RankingWatchOptions.MaxWatchersPerSilo"/> watchers (one more is refused, RESOURCE_EXHAUSTED). Feeds are at
/// most one per watched ranking, each with one open frame per batching its watchers ask for.
/// </remarks>
public sealed partial class RankingHub : IRankingObserver, IDisposable
{
    private readonly IGrainFactory _grains;
    private readonly TimeProvider _clock;
    private readonly RankingWatchOptions _options;
    private readonly ILogger<RankingHub> _logger;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Feed> _feeds = new(StringComparer.Ordinal);
    private IRankingObserver? _reference;
    private int _watchers;
    private bool _disposed;

    public RankingHub(IGrainFactory grains, TimeProvider clock, IOptions<RankingWatchOptions> options, ILogger<RankingHub> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _grains = grains;
        _clock = clock;
        _options = options.Value;
        _logger = logger;
    }

    /// <summary>Watchers on this silo now.</summary>
    public int WatcherCount => Volatile.Read(ref _watchers);

    /// <summary>Rankings this silo is subscribed to now.</summary>
    public int FeedCount
    {
        get
        {
            lock (_lock)
            {
                return _feeds.Count;
            }
        }
    }

    private IRankingObserver Reference
    {
        get
        {
            lock (_lock)
            {
                return _reference ??= _grains.CreateObjectReference<IRankingObserver>(this);
            }
        }
    }

    /// <summary>
    /// Watches one ranking of a scope's period (<paramref name="fieldCode"/> null: overall): first a snapshot, or the
    /// updates after <paramref name="resumeAfterVersion"/> when the ranking still has them all, then every update in
    /// version order. A gap, an overflow of this watcher's buffer, or a ranking that was rebuilt, moved or went away
    /// yields a resync snapshot, never a silent gap. Ends only when <paramref name="cancellationToken"/> fires.
    /// </summary>
    /// <exception cref="RequestRejectedException">
    /// On the first item: NotFound for an unknown scope, InvalidArgument for an unknown field or a negative version,
    /// ResourceExhausted when this silo has its maximum of watchers.
    /// </exception>
    public IAsyncEnumerable<RankingFeedItem> WatchAsync(string scope, Period period, string? fieldCode, long resumeAfterVersion,
        CancellationToken cancellationToken) =>
        WatchAsync(scope, period, fieldCode, resumeAfterVersion, FeedBatching.None, cancellationToken);

    /// <summary>
    /// As <see cref="WatchAsync(string, Period, string, long, CancellationToken)"/>, with updates marked
    /// <see cref="RankingFeedItem.MoreWaiting"/> so that a writer can send them in batches of up to
    /// <see cref="FeedBatching.MaxUpdates"/>: an update is held back up to <see cref="FeedBatching.MaxWait"/> from the
    /// first of its batch for later ones to join, never longer.
    /// </summary>
    public async IAsyncEnumerable<RankingFeedItem> WatchAsync(string scope, Period period, string? fieldCode, long resumeAfterVersion,
        FeedBatching batching, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batching);
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(period);
        if (resumeAfterVersion < 0)
        {
            throw RequestRejectedException.Invalid($"The version to resume after, {resumeAfterVersion}, is negative; give the last version seen, or 0.");
        }

        var key = GrainKeys.ForPeriod(scope, period);
        var grain = _grains.GetGrain<IRankingGrain>(key);
        var rankingKey = fieldCode ?? RankingGrain.Overall;
        var watcher = await RegisterAsync(key, grain, rankingKey, batching, cancellationToken);
        var reads = watcher.EndReadsOn(cancellationToken);
        try
        {
            var start = await grain.GetFeedStartAsync(fieldCode, resumeAfterVersion, cancellationToken);
            long last;
            if (start.Snapshot is { } snapshot)
            {
                yield return new RankingFeedItem(snapshot, null, false);
                last = snapshot.Version;
            }
            else
            {
                last = resumeAfterVersion;
                for (var i = 0; i < start.Missed.Count; i++)
                {
                    yield return Update(start.Missed[i], rankingKey, i < start.Missed.Count - 1);
                    last = start.Missed[i].Version;
                }
            }

            // The batch being yielded: its updates so far, when its oldest was queued, and until when (a timestamp of
            // the clock) it may wait for more.
            var batched = 0;
            var oldest = 0L;
            long? deadline = null;
            var tally = default(DeliveryTally);
            while (true)
            {
                var signal = await watcher.ReadAsync();
                if (watcher.TakeResync() || signal.FirstVersion > last + 1)
                {
                    watcher.Drain();
                    var fresh = (await grain.GetFeedStartAsync(fieldCode, 0, cancellationToken)).Snapshot!;
                    if (batched > 0)
                    {
                        // The writer sends the batch so far before the snapshot.
                        tally.Add(oldest, batched);
                    }

                    (batched, deadline) = (0, null);
                    tally.EndBurst();
                    RankingMetrics.Resynced();
                    yield return new RankingFeedItem(fresh, null, true);
                    last = fresh.Version;
                    continue;
                }

                if (signal.Frame is { } frame)
                {
                    if (frame.LastVersion <= last)
                    {
                        continue;
                    }

                    // A watcher that fell behind takes the frames queued after this one with it, up to its batch size,
                    // as one: read one message each, they kept it behind, since messages, not updates, are what the
                    // fan-out spends its time on.
                    var fresh = frame.After(last);
                    if (watcher.NextFollows(fresh.LastVersion))
                    {
                        var joined = new List<RankingFeedFrame> { fresh };
                        var size = fresh.Updates.Count;
                        while (watcher.TryTakeNextFrame(joined[^1].LastVersion, batching.MaxUpdates - size) is { } next)
                        {
                            joined.Add(next);
                            size += next.Updates.Count;
                        }

                        fresh = RankingFeedFrame.Join(joined);
                    }

                    var follows = watcher.NextFollows(fresh.LastVersion);
                    tally.Add(fresh.OldestOfferedAt, fresh.Updates.Count);
                    if (!follows)
                    {
                        tally.EndBurst();
                    }

                    yield return new RankingFeedItem(null, null, false, follows, fresh);
                    last = fresh.LastVersion;
                    continue;
                }

                if (signal.Update is not { } update || update.Version <= last)
                {
                    continue;
                }

                if (++batched == 1)
                {
                    oldest = signal.OfferedAt;
                }

                var more = watcher.NextFollows(update.Version);
                if (!more && batched < batching.MaxUpdates && batching.MaxWait > TimeSpan.Zero)
                {
                    deadline ??= _clock.GetTimestamp() + (long)(batching.MaxWait.TotalSeconds * _clock.TimestampFrequency);
                    more = await watcher.WaitForNextAsync(update.Version, _clock.GetElapsedTime(_clock.GetTimestamp(), deadline.Value), _clock, cancellationToken);
                }

                if (!more || batched >= batching.MaxUpdates)
                {
                    // The message ends here, its waits for later updates over: the client sees it no sooner.
                    tally.Add(oldest, batched);
                    (batched, deadline) = (0, null);
                }

                if (!more)
                {
                    tally.EndBurst();
                }

                yield return new RankingFeedItem(null, update, false, more);
                last = update.Version;
            }
        }
        finally
        {
            reads.Dispose();
            Unregister(key, watcher);
        }
    }

    public Task OnRankingChangedAsync(string rankingKey, Guid epoch, RankingEvent change)
    {
        lock (_lock)
        {
            if (_feeds.TryGetValue(rankingKey, out var feed))
            {
                if (epoch != feed.Epoch)
                {
                    // Another activation (or a rebuild) of the ranking: what came before may not lead to this.
                    feed.Epoch = epoch;
                    feed.ResyncAll();
                }

                // One update per ranking watched (overall or a field), shared by every watcher of it, so whatever a
                // writer derives from it (its wire encoding) can be derived once per change rather than once per watcher.
                RankingFeedUpdate? overall = null;
                Dictionary<string, RankingFeedUpdate>? fields = null;
                var now = Stopwatch.GetTimestamp();
                var offered = 0;
                foreach (var watcher in feed.Direct)
                {
                    offered += watcher.Offer(UpdateFor(watcher.RankingKey), now) ? 1 : 0;
                }

                // Watchers that batch alike share each batch, formed here once for all of them.
                foreach (var group in feed.Groups.Values)
                {
                    offered += group.Add(UpdateFor(group.RankingKey), now, _clock);
                }

                RankingFeedUpdate UpdateFor(string key)
                {
                    if (key == RankingGrain.Overall)
                    {
                        return overall ??= Update(change, RankingGrain.Overall);
                    }

                    if (!(fields ??= new(StringComparer.Ordinal)).TryGetValue(key, out var update))
                    {
                        update = fields[key] = Update(change, key);
                    }

                    return update;
                }

                // One measurement per change, not per watcher: at a thousand watchers the exporter's per-measurement
                // cost was a tenth of the fan-out's CPU.
                RankingMetrics.Queued(offered);
            }
        }

        return Task.CompletedTask;
    }

    public Task OnRankingResetAsync(string rankingKey, Guid epoch, long version)
    {
        lock (_lock)
        {
            if (_feeds.TryGetValue(rankingKey, out var feed))
            {
                feed.ResyncAll();

                // Subscribe again at once (not awaited: the ranking is waiting for this call to return). A ranking
                // going away forwards the call to its next activation, whose new epoch resyncs the watchers once more,
                // now that its changes reach this hub.
                feed.LastRenewal = RenewAsync(rankingKey, feed);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Renews every subscription now (a silo died: a ranking it held is active elsewhere with no subscribers). Each
    /// ranking that answers with a new epoch sends its watchers a resync snapshot.
    /// </summary>
    public void RenewAll()
    {
        lock (_lock)
        {
            foreach (var (key, feed) in _feeds)
            {
                feed.LastRenewal = RenewAsync(key, feed);
            }
        }
    }

    /// <summary>Completes when the renewals started so far have finished (tests drive the renewal timer with a fake clock).</summary>
    internal Task RenewalsSettledAsync()
    {
        lock (_lock)
        {
            return Task.WhenAll(_feeds.Values.Select(f => f.LastRenewal));
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _disposed = true;
            foreach (var feed in _feeds.Values)
            {
                feed.Renewal?.Dispose();
                foreach (var group in feed.Groups.Values)
                {
                    group.Dispose();
                }
            }
        }
    }

    private static RankingFeedItem Update(RankingEvent change, string rankingKey, bool moreWaiting) =>
        new(null, Update(change, rankingKey), false, moreWaiting);

    private static RankingFeedUpdate Update(RankingEvent change, string rankingKey) =>
        new(change.Version, change.UnitCode, change.Rows.GetValueOrDefault(rankingKey), change.UnitCounts.GetValueOrDefault(rankingKey),
            change.Progress, change.Totals);

    private async Task<Watcher> RegisterAsync(string key, IRankingGrain grain, string rankingKey, FeedBatching batching,
        CancellationToken cancellationToken)
    {
        var watcher = new Watcher(rankingKey, _options.WatcherBufferCapacity);
        Feed feed;
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_watchers >= _options.MaxWatchersPerSilo)
            {
                throw new RequestRejectedException(RejectionKind.ResourceExhausted,
                    $"This server already serves {_watchers} live watches, its maximum; retry later or on another server.");
            }

            if (!_feeds.TryGetValue(key, out var existing))
            {
                existing = new Feed(grain);
                _feeds[key] = existing;
                existing.Subscribed = SubscribeAsync(key, existing);
            }

            feed = existing;
            feed.Add(watcher, batching, ExpireFrame);
            _watchers++;
        }

        RankingMetrics.SubscriberAdded();
        try
        {
            await feed.Subscribed.WaitAsync(cancellationToken);
        }
        catch
        {
            Unregister(key, watcher);
            throw;
        }

        return watcher;
    }

    private async Task SubscribeAsync(string key, Feed feed)
    {
        try
        {
            var subscription = await feed.Grain.SubscribeAsync(Reference);
            lock (_lock)
            {
                feed.Epoch = subscription.Epoch;
                feed.Renewal = _clock.CreateTimer(_ => Renew(key, feed), null, _options.RenewEvery, _options.RenewEvery);
            }
        }
        catch (Exception e)
        {
            LogSubscribeFailed(_logger, e, key);
            lock (_lock)
            {
                // The next watcher of this ranking tries again.
                if (_feeds.TryGetValue(key, out var current) && ReferenceEquals(current, feed))
                {
                    _feeds.Remove(key);
                }
            }

            throw;
        }
    }

    private void Renew(string key, Feed feed)
    {
        lock (_lock)
        {
            feed.LastRenewal = RenewAsync(key, feed);
        }
    }

    private async Task RenewAsync(string key, Feed feed)
    {
        await Task.Yield();
        try
        {
            var subscription = await feed.Grain.SubscribeAsync(Reference);
            lock (_lock)
            {
                if (subscription.Epoch != feed.Epoch)
                {
                    // The ranking was activated anew (its silo failed, or it was collected): changes may have been missed.
                    feed.Epoch = subscription.Epoch;
                    feed.ResyncAll();
                }
            }
        }
#pragma warning disable CA1031 // A renewal that fails is retried at the next tick; the watchers resync meanwhile.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogRenewFailed(_logger, e, key);
            lock (_lock)
            {
                feed.ResyncAll();

                // Soon rather than at the next period: the ranking may be moving to another silo right now.
                feed.Renewal?.Change(_options.RetryRenewalAfter, _options.RenewEvery);
            }
        }
    }

    private void Unregister(string key, Watcher watcher)
    {
        Feed? emptied = null;
        lock (_lock)
        {
            if (_feeds.TryGetValue(key, out var feed) && feed.Remove(watcher))
            {
                if (feed.Watchers.Count == 0)
                {
                    _feeds.Remove(key);
                    feed.Renewal?.Dispose();
                    emptied = feed;
                }
            }

            _watchers--;
        }

        RankingMetrics.SubscriberRemoved();
        if (emptied is not null && _reference is { } reference)
        {
            _ = UnsubscribeAsync(key, emptied, reference);
        }
    }

    private async Task UnsubscribeAsync(string key, Feed feed, IRankingObserver reference)
    {
        try
        {
            await feed.Subscribed;
            await feed.Grain.UnsubscribeAsync(reference);
        }
#pragma warning disable CA1031 // Best effort: an unrenewed subscription lapses by itself after the expiry.
        catch (Exception e)
#pragma warning restore CA1031
        {
            LogUnsubscribeFailed(_logger, e, key);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Subscribing to ranking {Key} failed.")]
    private static partial void LogSubscribeFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Renewing the subscription to ranking {Key} failed; its watchers resync.")]
    private static partial void LogRenewFailed(ILogger logger, Exception exception, string key);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unsubscribing from ranking {Key} failed; the subscription lapses by itself.")]
    private static partial void LogUnsubscribeFailed(ILogger logger, Exception exception, string key);

    /// <summary>One watched ranking on this silo: its watchers and the subscription that feeds them.</summary>
    private sealed class Feed(IRankingGrain grain)
    {
        public IRankingGrain Grain { get; } = grain;

        /// <summary>Every watcher of this ranking on this silo.</summary>
        public List<Watcher> Watchers { get; } = [];

        /// <summary>The watchers handed each update on its own.</summary>
        public List<Watcher> Direct { get; } = [];

        /// <summary>The watchers that batch with a wait, by ranking and batching: each group's batches are shared.</summary>
        public Dictionary<(string RankingKey, FeedBatching Batching), FrameGroup> Groups { get; } = [];

        public Task Subscribed { get; set; } = Task.CompletedTask;

        public Guid Epoch { get; set; }

        public ITimer? Renewal { get; set; }

        public Task LastRenewal { get; set; } = Task.CompletedTask;

        public void ResyncAll()
        {
            foreach (var watcher in Watchers)
            {
                watcher.RequestResync();
            }
        }

        public void Add(Watcher watcher, FeedBatching batching, Action<FrameGroup> expire)
        {
            Watchers.Add(watcher);
            if (batching.MaxUpdates <= 1 || batching.MaxWait <= TimeSpan.Zero)
            {
                // Without a wait, a batch is whatever this watcher's own backlog holds: nothing to share.
                Direct.Add(watcher);
                return;
            }

            if (!Groups.TryGetValue((watcher.RankingKey, batching), out var group))
            {
                group = Groups[(watcher.RankingKey, batching)] = new FrameGroup(watcher.RankingKey, batching, expire);
            }

            group.Members.Add(watcher);
            watcher.Group = group;
        }

        public bool Remove(Watcher watcher)
        {
            if (!Watchers.Remove(watcher))
            {
                return false;
            }

            if (watcher.Group is not { } group)
            {
                Direct.Remove(watcher);
            }
            else if (group.Members.Remove(watcher) && group.Members.Count == 0)
            {
                Groups.Remove((group.RankingKey, group.Batching));
                group.Dispose();
            }

            return true;
        }
    }

    /// <summary>
    /// An update and when it was queued, so its reading can be timed as a delivery; or a shared frame of updates; or a
    /// wake-up with neither.
    /// </summary>
    private readonly record struct Signal(RankingFeedUpdate? Update, long OfferedAt, RankingFeedFrame? Frame = null)
    {
        public long? FirstVersion => Update?.Version ?? Frame?.FirstVersion;

        public int Count => Update is not null ? 1 : Frame?.Updates.Count ?? 0;
    }

    /// <summary>One watcher's ranking (overall or a field), its bounded buffer and its "take a fresh snapshot" flag.</summary>
    private sealed class Watcher(string rankingKey, int capacity)
    {
        private readonly Channel<Signal> _buffer = Channel.CreateBounded<Signal>(
            new BoundedChannelOptions(capacity) { SingleReader = true, SingleWriter = false, FullMode = BoundedChannelFullMode.Wait });

        private int _resync;

        // Updates queued, frames counted by their updates: the bound is in updates either way.
        private int _queued;

        public string RankingKey { get; } = rankingKey;

        /// <summary>The group whose shared frames this watcher is handed; null: handed each update on its own.</summary>
        public FrameGroup? Group { get; set; }

        /// <summary>Queues the update; false when the buffer is full, and this watcher resyncs instead.</summary>
        public bool Offer(RankingFeedUpdate update, long offeredAt) => Queue(new Signal(update, offeredAt));

        /// <summary>Queues the frame; false when its updates do not fit in the buffer, and this watcher resyncs instead.</summary>
        public bool Offer(RankingFeedFrame frame) => Queue(new Signal(null, 0, frame));

        public void RequestResync()
        {
            Volatile.Write(ref _resync, 1);

            // Wakes a watcher waiting on an empty buffer; a full one wakes anyway.
            _buffer.Writer.TryWrite(new Signal(null, 0));
        }

        public bool TakeResync() => Interlocked.Exchange(ref _resync, 0) == 1;

        // True when the queued signal after version is its successor: the reader's next turn yields it (or, if a
        // resync was asked meanwhile, a snapshot) without waiting.
        public bool NextFollows(long version) => _buffer.Reader.TryPeek(out var next) && next.FirstVersion == version + 1;

        /// <summary>
        /// Takes the next signal when it is a frame of at most <paramref name="room"/> updates that follows
        /// <paramref name="version"/> and no resync is asked; null otherwise, leaving it queued.
        /// </summary>
        public RankingFeedFrame? TryTakeNextFrame(long version, int room)
        {
            if (Volatile.Read(ref _resync) == 0 && _buffer.Reader.TryPeek(out var next) &&
                next.Frame is { } frame && frame.FirstVersion == version + 1 && frame.Updates.Count <= room &&
                _buffer.Reader.TryRead(out var taken))
            {
                return Taken(taken).Frame;
            }

            return null;
        }

        /// <summary>
        /// Ends this watcher's reads, with an <see cref="OperationCanceledException"/>, once
        /// <paramref name="cancellationToken"/> is cancelled. The reads take no token of their own: the channel then
        /// reuses one waiter for them all, where a read given a token that can be cancelled allocates a waiter every
        /// time it waits, which at ten thousand watchers is every message.
        /// </summary>
        public CancellationTokenRegistration EndReadsOn(CancellationToken cancellationToken) =>
            cancellationToken.UnsafeRegister(
                static (state, token) => ((Watcher)state!)._buffer.Writer.TryComplete(new OperationCanceledException(token)), this);

        public ValueTask<Signal> ReadAsync() =>
            _buffer.Reader.TryRead(out var signal) ? new(Taken(signal)) : ReadLaterAsync();

        /// <summary>Waits up to <paramref name="wait"/> for a signal; true when it is the successor of <paramref name="version"/>.</summary>
        public async ValueTask<bool> WaitForNextAsync(long version, TimeSpan wait, TimeProvider clock, CancellationToken cancellationToken)
        {
            if (wait > TimeSpan.Zero)
            {
                using var window = new CancellationTokenSource(wait, clock);
                using var either = CancellationTokenSource.CreateLinkedTokenSource(window.Token, cancellationToken);
                try
                {
                    await _buffer.Reader.WaitToReadAsync(either.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                }
            }

            return NextFollows(version);
        }

        public void Drain()
        {
            while (_buffer.Reader.TryRead(out var signal))
            {
                Interlocked.Add(ref _queued, -signal.Count);
            }
        }

        // Pooled: a watcher that keeps up waits here for nearly every signal, and each wait was a new state machine box.
        [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
        private async ValueTask<Signal> ReadLaterAsync() => Taken(await _buffer.Reader.ReadAsync());

        private Signal Taken(Signal signal)
        {
            Interlocked.Add(ref _queued, -signal.Count);
            return signal;
        }

        private bool Queue(Signal signal)
        {
            if (Interlocked.Add(ref _queued, signal.Count) <= capacity && _buffer.Writer.TryWrite(signal))
            {
                return true;
            }

            // Full: this watcher is too slow for the ranking; it gets a snapshot instead of what it missed.
            Interlocked.Add(ref _queued, -signal.Count);
            Volatile.Write(ref _resync, 1);
            return false;
        }
    }
}
