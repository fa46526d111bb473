namespace Cchc.Grains.Ranking;

/// <summary>
/// Consecutive updates of one ranking that a silo's hub gathered once for all its watchers that batch alike (the same
/// ranking, <see cref="FeedBatching.MaxUpdates"/> and <see cref="FeedBatching.MaxWait"/>): each such watcher is handed
/// this same object, so a writer can encode it once for all of them. Never changed after the hub hands it out.
/// </summary>
public sealed class RankingFeedFrame
{
    private readonly long[] _offeredAt;

    internal RankingFeedFrame(RankingFeedUpdate[] updates, long[] offeredAt, bool isShared = true)
    {
        if (updates.Length == 0 || updates.Length != offeredAt.Length)
        {
            throw new ArgumentException("A frame holds at least one update, each with the time it was queued.", nameof(updates));
        }

        Updates = updates;
        _offeredAt = offeredAt;
        IsShared = isShared;
    }

    /// <summary>
    /// False for a frame made for one watcher alone (frames joined because it fell behind, or the part of a frame after
    /// its snapshot): a writer gains nothing by encoding it once for reuse.
    /// </summary>
    public bool IsShared { get; }

    /// <summary>The updates, each version exactly one more than the one before it.</summary>
    public IReadOnlyList<RankingFeedUpdate> Updates { get; }

    public long FirstVersion => Updates[0].Version;

    public long LastVersion => Updates[^1].Version;

    /// <summary>When the hub queued the first update (<see cref="System.Diagnostics.Stopwatch"/> ticks), to time the frame's delivery.</summary>
    internal long OldestOfferedAt => _offeredAt[0];

    /// <summary>
    /// The updates after <paramref name="version"/> as a frame of their own, for a watcher whose snapshot fell inside
    /// this one; this frame itself when it starts right after.
    /// </summary>
    internal RankingFeedFrame After(long version)
    {
        var skip = (int)Math.Clamp(version - FirstVersion + 1, 0, Updates.Count - 1);
        return skip == 0 ? this : new RankingFeedFrame([.. Updates.Skip(skip)], _offeredAt[skip..], isShared: false);
    }

    /// <summary>Consecutive frames as one, for one watcher that fell behind.</summary>
    internal static RankingFeedFrame Join(IReadOnlyList<RankingFeedFrame> frames)
    {
        if (frames.Count == 1)
        {
            return frames[0];
        }

        var count = 0;
        foreach (var frame in frames)
        {
            count += frame.Updates.Count;
        }

        var updates = new RankingFeedUpdate[count];
        var offeredAt = new long[count];
        var at = 0;
        foreach (var frame in frames)
        {
            for (var i = 0; i < frame.Updates.Count; i++, at++)
            {
                updates[at] = frame.Updates[i];
                offeredAt[at] = frame._offeredAt[i];
            }
        }

        return new RankingFeedFrame(updates, offeredAt, isShared: false);
    }
}
