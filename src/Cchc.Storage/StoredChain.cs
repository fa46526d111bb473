namespace Cchc.Storage;

/// <summary>
/// Everything stored for one stream that verification looks at, read in one consistent view: the head its stream
/// row records, its snapshot row, its versioned audit entries in append order (version, then insertion), and how
/// many of its commune's entries for the period predate versions altogether (their effect is in the snapshot the
/// migration made; nothing can be checked about them).
/// </summary>
public sealed record StoredChain(StreamHead Head, SnapshotRow? Snapshot, IReadOnlyList<ChainedEntry> Entries, long UnversionedEntries)
{
    public static StoredChain Empty { get; } = new(StreamHead.None, null, [], 0);
}
