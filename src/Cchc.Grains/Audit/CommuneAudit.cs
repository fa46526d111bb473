using System.Globalization;
using Cchc.Grains.Scoring;
using Cchc.Storage;

namespace Cchc.Grains.Audit;

/// <summary>
/// The checks of one commune's period, on what storage holds for it: its audit chain (<see cref="AuditChainCheck"/>),
/// the chain's end against the stream row and the head recorded at publication, and its score row (the snapshot)
/// against its audit entries replayed by the grain's own rules (<see cref="CommuneState.FromStream"/>).
/// </summary>
public sealed record CommuneAudit(int Checked, int NotCovered, bool ScoreChecked, IReadOnlyList<AuditBreak> Breaks)
{
    public static CommuneAudit Of(string code, string name, string streamId, StoredChain chain, ChainHead? recorded)
    {
        ArgumentNullException.ThrowIfNull(chain);
        var verdict = AuditChainCheck.Verify(streamId, chain.Entries);
        var breaks = new List<AuditBreak>();
        if (verdict.Break is { } broken)
        {
            breaks.Add(new AuditBreak(code, name, AuditBreakKind.Entry, broken.Entry.ItemCode, broken.Entry.At, broken.Entry.Version, broken.What));
        }

        if (HeadBreak(code, name, chain, verdict.End, recorded) is { } head)
        {
            breaks.Add(head);
        }

        var (scoreChecked, score) = ScoreBreak(code, name, chain, recorded);
        if (score is not null)
        {
            breaks.Add(score);
        }

        return new CommuneAudit(verdict.Checked, verdict.NotCovered + (int)chain.UnversionedEntries, scoreChecked, breaks);
    }

    private static AuditBreak? HeadBreak(string code, string name, StoredChain chain, StreamHead end, ChainHead? recorded)
    {
        // The head recorded at publication first: it is the one an attacker who recomputed the hashes cannot match.
        if (recorded is not null && (recorded.Version != end.Version || !string.Equals(recorded.Hash, end.Hash, StringComparison.Ordinal)))
        {
            if (end.Version > recorded.Version)
            {
                var added = chain.Entries.First(e => e.Entry.Version > recorded.Version).Entry;
                return new AuditBreak(code, name, AuditBreakKind.Head, added.ItemCode, added.At, added.Version,
                    $"the log goes on to version {Text(end.Version)}, but it ended at version {Text(recorded.Version)} when the period was published: entries were added afterwards");
            }

            if (end.Version < recorded.Version)
            {
                var last = chain.Entries.Count == 0 ? null : chain.Entries[^1].Entry;
                return new AuditBreak(code, name, AuditBreakKind.Head, last?.ItemCode, last?.At, end.Version,
                    $"the log ends at version {Text(end.Version)}, but it reached version {Text(recorded.Version)} when the period was published: entries were removed afterwards");
            }

            var changed = chain.Entries[^1].Entry;
            return new AuditBreak(code, name, AuditBreakKind.Head, changed.ItemCode, changed.At, changed.Version,
                "the log's last entry is not the one recorded when the period was published: the chain was rewritten afterwards");
        }

        if (chain.Head.Version != end.Version || !string.Equals(chain.Head.Hash, end.Hash, StringComparison.Ordinal))
        {
            var last = chain.Entries.Count == 0 ? null : chain.Entries[^1].Entry;
            return new AuditBreak(code, name, AuditBreakKind.Head, last?.ItemCode, last?.At, end.Version,
                $"the log ends at version {Text(end.Version)}, but the stream row says version {Text(chain.Head.Version)} with another last entry: rows were removed, added or rewritten");
        }

        return null;
    }

    private static (bool Checked, AuditBreak? Break) ScoreBreak(string code, string name, StoredChain chain, ChainHead? recorded)
    {
        if (chain.Snapshot is not { } snapshot)
        {
            return recorded is { Version: > 0 }
                ? (true, new AuditBreak(code, name, AuditBreakKind.Score, null, null, recorded.Version,
                    "the score row is missing, though one was written when the period was published"))
                : (false, null);
        }

        if (recorded is not null && recorded.Version != snapshot.Version)
        {
            return (true, new AuditBreak(code, name, AuditBreakKind.Score, null, snapshot.TakenAt, snapshot.Version,
                $"the score row is of version {Text(snapshot.Version)}, but the one written at publication was of version {Text(recorded.Version)}"));
        }

        // Streams the event migration made start from a snapshot of what came before events: nothing to replay from.
        var events = chain.Entries.Select(e => e.Entry).Where(e => e.Version <= snapshot.Version).ToList();
        if (chain.UnversionedEntries > 0 || events.Count == 0 || events[0].Version != 1)
        {
            return (false, null);
        }

        CommuneState replayed;
        try
        {
            replayed = CommuneState.FromStream(new StoredStream(snapshot.Version, null, events), CommuneState.Empty(name, "", null));
        }
        catch (Exception e) when (e is InvalidDataException or System.Text.Json.JsonException)
        {
            // Missing or unreadable entries: the entry check reports them; the score row cannot be judged against them.
            return (false, null);
        }

        CommuneState stored;
        try
        {
            stored = ScoreJson.Read<CommuneState>(snapshot.Payload);
        }
        catch (System.Text.Json.JsonException)
        {
            return (true, new AuditBreak(code, name, AuditBreakKind.Score, null, snapshot.TakenAt, snapshot.Version,
                "the score row is not readable: it was changed after it was written"));
        }

        var differing = replayed.Items.Keys.Union(stored.Items?.Keys ?? [], StringComparer.Ordinal)
            .Where(item => !string.Equals(Json(replayed.Items, item), Json(stored.Items, item), StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (differing.Count == 0)
        {
            return (true, null);
        }

        var others = differing.Count == 1 ? "" : $" ({Text(differing.Count - 1)} more item(s) differ too)";
        return (true, new AuditBreak(code, name, AuditBreakKind.Score, differing[0], snapshot.TakenAt, snapshot.Version,
            $"the score row's entry for item {differing[0]} is not what the audit log gives at version {Text(snapshot.Version)}: " +
            $"the score row was changed after it was written{others}"));
    }

    // Compared as stored JSON: records holding lists compare their lists by reference.
    private static string Json(IReadOnlyDictionary<string, ItemState>? items, string code) =>
        items is not null && items.TryGetValue(code, out var item) ? ScoreJson.Write(item) : "";

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);
}
