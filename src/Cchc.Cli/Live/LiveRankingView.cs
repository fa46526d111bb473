using System.Globalization;
using Cchc.Api.V1;
using Cchc.Cli.Rendering;

namespace Cchc.Cli.Live;

/// <summary>
/// The client's copy of a live ranking. A snapshot gives every entry; each versioned update gives only the moved
/// commune's new entry (or none when it left the ranking), so the view re-sorts its copy — index descending, then the
/// Vietnamese name (vi-VN collation, so "Đ" follows "D"), then the code — and recomputes the places of everyone:
/// competition rank (1, 2, 2, 4), dense rank (1, 2, 2, 3), rank groups, units tied, and the change against the
/// previous period's rank. A version gap is reported, not papered over, so the caller can resume from <see cref="Version"/>.
/// </summary>
internal sealed class LiveRankingView : ILiveWatchView
{
    private static readonly CompareInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;

    private readonly Dictionary<string, RankingEntry> _entries = new(StringComparer.Ordinal);
    private RankingEntry[]? _ranked;

    /// <summary>The version the view is at; 0 before the first snapshot.</summary>
    public long Version { get; private set; }

    public bool HasSnapshot { get; private set; }

    public string Name => "live ranking";

    /// <summary>How many units are ranked.</summary>
    public int UnitCount => _entries.Count;

    /// <summary>The unit whose score moved in the last update; null after a snapshot.</summary>
    public string? LastUnitCode { get; private set; }

    /// <summary>The unit the last update moved, as a set for highlighting; empty after a snapshot.</summary>
    public IReadOnlySet<string> LastChangedCodes => LastUnitCode is null ? new HashSet<string>() : new HashSet<string> { LastUnitCode };

    /// <summary>The entries, best first, with their places recomputed.</summary>
    public IReadOnlyList<RankingEntry> Entries => _ranked ??= Rank(_entries.Values);

    public LiveApplyOutcome Apply(WatchRankingResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        switch (response.EventCase)
        {
            case WatchRankingResponse.EventOneofCase.Snapshot:
                ApplySnapshot(response.Snapshot);
                return LiveApplyOutcome.Applied;
            case WatchRankingResponse.EventOneofCase.Update:
                return ApplyUpdate(response.Update);
            default:
                // A newer server may send events this client does not know; they change nothing here.
                return LiveApplyOutcome.Stale;
        }
    }

    public void ApplySnapshot(RankingSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _entries.Clear();
        foreach (var entry in snapshot.Entries)
        {
            _entries[entry.UnitCode] = entry;
        }

        Version = snapshot.Version;
        HasSnapshot = true;
        LastUnitCode = null;
        _ranked = null;
    }

    public LiveApplyOutcome ApplyUpdate(RankingUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        if (HasSnapshot && update.Version <= Version)
        {
            return LiveApplyOutcome.Stale;
        }

        if (!HasSnapshot || update.Version != Version + 1)
        {
            return LiveApplyOutcome.Gap;
        }

        if (update.Entry is { } entry)
        {
            _entries[update.UnitCode] = entry;
        }
        else
        {
            _entries.Remove(update.UnitCode);
        }

        Version = update.Version;
        LastUnitCode = update.UnitCode;
        _ranked = null;
        return LiveApplyOutcome.Applied;
    }

    /// <summary>Reading order: index descending, Vietnamese name, code.</summary>
    public static int Compare(RankingEntry? a, RankingEntry? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }

        if (a is null || b is null)
        {
            return a is null ? 1 : -1;
        }

        var byIndex = IndexOf(b).CompareTo(IndexOf(a));
        if (byIndex != 0)
        {
            return byIndex;
        }

        var byName = Vietnamese.Compare(a.UnitName, b.UnitName, CompareOptions.None);
        return byName != 0 ? byName : string.CompareOrdinal(a.UnitCode, b.UnitCode);
    }

    private static RankingEntry[] Rank(IEnumerable<RankingEntry> entries)
    {
        var sorted = entries.Order(Comparer<RankingEntry>.Create(Compare)).ToArray();
        var groups = sorted.Select(IndexOf).Distinct().Count();
        var ranked = new RankingEntry[sorted.Length];
        var start = 0;
        var dense = 0;
        while (start < sorted.Length)
        {
            var index = IndexOf(sorted[start]);
            var end = start;
            while (end < sorted.Length && IndexOf(sorted[end]) == index)
            {
                end++;
            }

            dense++;
            for (var i = start; i < end; i++)
            {
                var entry = sorted[i].Clone();
                entry.CompetitionRank = start + 1;
                entry.DenseRank = dense;
                entry.GroupCount = groups;
                entry.TiedCount = end - start;
                entry.UnitCount = sorted.Length;
                if (entry.Change is { HasPrevious: true } change)
                {
                    // The places moved follow the new rank; the server's phrase was for the rank it sent.
                    change.Places = change.PreviousRank - entry.CompetitionRank;
                    change.Phrase = Figures.Places(change.Places);
                }

                ranked[i] = entry;
            }

            start = end;
        }

        return ranked;
    }

    private static decimal IndexOf(RankingEntry entry) =>
        decimal.TryParse(entry.Index, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var index)
            ? index
            : decimal.MinValue;
}
