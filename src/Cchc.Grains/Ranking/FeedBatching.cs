namespace Cchc.Grains.Ranking;

/// <summary>
/// How a live watcher takes its updates: up to <see cref="MaxUpdates"/> in one batch, an update held back at most
/// <see cref="MaxWait"/> from the first of its batch for later ones to join. Fewer, larger messages are what lets a
/// silo serve thousands of watchers while rankings change hundreds of times a second.
/// </summary>
public sealed record FeedBatching(int MaxUpdates, TimeSpan MaxWait)
{
    /// <summary>One update at a time, none held back (updates already waiting are still marked so).</summary>
    public static readonly FeedBatching None = new(1, TimeSpan.Zero);
}
