namespace Cchc.Core.Ranking;

/// <summary>
/// A ranking kept current as scores arrive during appraisal season: the ranked units in ranking order, and the
/// distinct indices (the rank groups) highest first, both sorted lists. Upsert and Remove cost O(log n) to find the
/// place and O(n) to shift the lists; a rank answer O(log n); a page O(log n) per group on it. Memory is proportional
/// to the units held: a district's few dozen communes cost a few kilobytes, which matters because a silo holds a
/// ranking per scope, field and period (a fixed table of the 10,001 possible indices cost 160 KB each, 1.8 MB per
/// scope). Its answers equal <see cref="Ranker.Rank"/> over the same candidates. Not thread-safe: one owner (a grain)
/// calls it.
/// </summary>
public sealed class LiveRanking
{
    private static readonly IComparer<Entry> InOrder = Comparer<Entry>.Create((a, b) =>
    {
        var byIndex = b.Hundredths.CompareTo(a.Hundredths);
        return byIndex != 0 ? byIndex : RankOrder.CompareTies(a.Name, a.UnitCode, b.Name, b.UnitCode);
    });

    private static readonly IComparer<int> Descending = Comparer<int>.Create((a, b) => b.CompareTo(a));

    private readonly List<Entry> _order = [];
    private readonly List<int> _groups = [];
    private readonly Dictionary<string, Entry> _ranked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnrankedUnit> _unranked = new(StringComparer.Ordinal);

    public int UnitCount => _order.Count;

    public int GroupCount => _groups.Count;

    public int UnrankedCount => _unranked.Count;

    /// <summary>Adds a unit or replaces what is known of it (index, name, or a reason not to rank it).</summary>
    /// <exception cref="ArgumentException">The index is not an official two-decimal figure in [0, 100].</exception>
    public void Upsert(RankCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(candidate.UnitCode);
        RankOrder.CheckIndex(candidate);
        if (Holds(candidate))
        {
            return;
        }

        Remove(candidate.UnitCode);
        if (candidate.UnrankedReason is { } reason)
        {
            _unranked[candidate.UnitCode] = new UnrankedUnit(candidate.UnitCode, candidate.Name, reason);
            return;
        }

        var index = candidate.Index!.Value;
        var entry = new Entry(candidate.UnitCode, candidate.Name, index, (int)(index * 100m));
        _order.Insert(~_order.BinarySearch(entry, InOrder), entry);
        var group = _groups.BinarySearch(entry.Hundredths, Descending);
        if (group < 0)
        {
            _groups.Insert(~group, entry.Hundredths);
        }

        _ranked[entry.UnitCode] = entry;
    }

    // A commune's write moves its overall index and one field's: the rankings of its other fields are handed the unit as
    // they already hold it, and finding its place again costs two searches by Vietnamese collation for nothing.
    private bool Holds(RankCandidate candidate) => candidate.UnrankedReason is { } reason
        ? _unranked.TryGetValue(candidate.UnitCode, out var unranked) && unranked.Reason == reason && unranked.Name == candidate.Name
        : _ranked.TryGetValue(candidate.UnitCode, out var ranked) && candidate.Index is { } index && ranked.Index == index && ranked.Index.Scale == index.Scale &&
            ranked.Name == candidate.Name;

    /// <summary>Removes a unit; false when it was not there.</summary>
    public bool Remove(string unitCode)
    {
        if (_unranked.Remove(unitCode))
        {
            return true;
        }

        if (!_ranked.Remove(unitCode, out var entry))
        {
            return false;
        }

        var at = _order.BinarySearch(entry, InOrder);
        _order.RemoveAt(at);
        var groupEmptied = (at == 0 || _order[at - 1].Hundredths != entry.Hundredths) && (at == _order.Count || _order[at].Hundredths != entry.Hundredths);
        if (groupEmptied)
        {
            _groups.RemoveAt(_groups.BinarySearch(entry.Hundredths, Descending));
        }

        return true;
    }

    /// <summary>The unit's place, or null when it is unknown or not ranked.</summary>
    public RankedUnit? Find(string unitCode) =>
        _ranked.TryGetValue(unitCode, out var entry) ? ToRanked(entry, AnswerFor(entry.Hundredths)) : null;

    /// <summary>Why the unit is not ranked, or null.</summary>
    public UnrankedUnit? FindUnranked(string unitCode) => _unranked.GetValueOrDefault(unitCode);

    public IReadOnlyList<RankedUnit> Top(int count) => Page(0, count);

    /// <summary>Up to <paramref name="count"/> ranked units starting at 0-based <paramref name="offset"/> in ranking order.</summary>
    public IReadOnlyList<RankedUnit> Page(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var end = (int)Math.Min((long)offset + count, UnitCount);
        var page = new List<RankedUnit>(Math.Max(0, end - offset));
        RankAnswer? answer = null;
        for (var i = offset; i < end; i++)
        {
            var entry = _order[i];
            if (answer is null || _order[i - 1].Hundredths != entry.Hundredths)
            {
                answer = AnswerFor(entry.Hundredths);
            }

            page.Add(ToRanked(entry, answer));
        }

        return page;
    }

    /// <summary>Units not ranked, in name order.</summary>
    public IReadOnlyList<UnrankedUnit> Unranked()
    {
        var list = _unranked.Values.ToList();
        list.Sort((a, b) => RankOrder.CompareTies(a.Name, a.UnitCode, b.Name, b.UnitCode));
        return list;
    }

    /// <summary>The full ranking, as <see cref="Ranker.Rank"/> would give it.</summary>
    public RankingResult Snapshot() => new(Page(0, UnitCount), Unranked());

    private static RankedUnit ToRanked(Entry entry, RankAnswer answer) => new(entry.UnitCode, entry.Name, entry.Index, answer);

    // The group of an index held: it starts after every unit with a higher index and ends before the first lower one.
    private RankAnswer AnswerFor(int hundredths)
    {
        var start = FirstAtOrBelow(hundredths, inclusive: true);
        var end = FirstAtOrBelow(hundredths, inclusive: false);
        return new RankAnswer(start + 1, _groups.BinarySearch(hundredths, Descending) + 1, GroupCount, end - start, UnitCount);
    }

    // The first position whose index is at most (inclusive) or below (not inclusive) the given one; the count when none is.
    private int FirstAtOrBelow(int hundredths, bool inclusive)
    {
        var (low, high) = (0, _order.Count);
        while (low < high)
        {
            var middle = low + ((high - low) / 2);
            var comparison = _order[middle].Hundredths.CompareTo(hundredths);
            if (comparison < 0 || (inclusive && comparison == 0))
            {
                high = middle;
            }
            else
            {
                low = middle + 1;
            }
        }

        return low;
    }

    // Hundredths: the official index times 100, exact for a two-decimal figure, so that the searches compare integers.
    private sealed record Entry(string UnitCode, string Name, decimal Index, int Hundredths);
}
