using System.Globalization;

namespace Cchc.Storage;

/// <summary>
/// Walks one stream's stored entries in order and recomputes each link with <see cref="AuditChainHash"/>. The first
/// entry that does not hold is the break: its stored link does not name the entry before it (one was removed,
/// inserted or reordered), its content no longer gives its hash (the row was changed), it lost its hash while
/// entries before it have one, or its version skips a batch. Links after a break are followed from the stored hashes,
/// so one changed row is reported once, not with every entry after it.
/// </summary>
public static class AuditChainCheck
{
    public static ChainVerdict Verify(string streamId, IReadOnlyList<ChainedEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(streamId);
        ArgumentNullException.ThrowIfNull(entries);
        var (checkedCount, notCovered) = (0, 0);
        ChainBreak? first = null;
        string? previous = null;
        var chained = false;
        long? lastVersion = null;
        foreach (var (entry, previousHash, hash) in entries)
        {
            var what = lastVersion is { } last && entry.Version > last + 1
                ? $"the versions jump from {Text(last)} to {Text(entry.Version)}: the entries of version {Text(last + 1)}" +
                  (entry.Version > last + 2 ? $" to {Text(entry.Version - 1)}" : "") + " were removed"
                : null;
            lastVersion = entry.Version;
            if (hash is null)
            {
                if (chained)
                {
                    what ??= "it has no hash, though the entries before it have one: its hash was removed";
                }
                else
                {
                    notCovered++;
                }
            }
            else
            {
                checkedCount++;
                if (!string.Equals(previousHash, previous, StringComparison.Ordinal))
                {
                    what ??= previous is null
                        ? "it links to an entry that is not in the log: the entries before it were removed"
                        : "it does not link to the entry before it: an entry between them was removed or inserted, or the link was changed";
                }
                else if (!string.Equals(AuditChainHash.Compute(previous, streamId, entry, entry.Version), hash, StringComparison.Ordinal))
                {
                    what ??= "its content no longer matches its hash: the row was changed after it was written";
                }

                previous = hash;
                chained = true;
            }

            if (what is not null)
            {
                first ??= new ChainBreak(entry, what);
            }
        }

        var end = entries.Count == 0 ? StreamHead.None : new StreamHead(entries[^1].Entry.Version, entries[^1].Hash);
        return new ChainVerdict(checkedCount, notCovered, first, end);
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
