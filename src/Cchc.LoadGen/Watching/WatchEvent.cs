namespace Cchc.LoadGen.Watching;

/// <summary>
/// What a bench watcher needs of one <c>WatchRankingResponse</c>: a snapshot's version, or each update's version and
/// commune. <see cref="WatchEventReader"/> reads it from the message's bytes without building the rest.
/// </summary>
internal sealed class WatchEvent
{
    public WatchEvent(bool isSnapshot, long snapshotVersion, WatchedUpdate[] updates)
    {
        IsSnapshot = isSnapshot;
        SnapshotVersion = snapshotVersion;
        Updates = updates;
    }

    public bool IsSnapshot { get; }

    public long SnapshotVersion { get; }

    /// <summary>The updates in the order the message holds them (one for the plain <c>update</c> form).</summary>
    public WatchedUpdate[] Updates { get; }
}
