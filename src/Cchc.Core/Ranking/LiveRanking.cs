namespace Cchc.Core.Ranking;

/// <summary>
/// A ranking kept current as scores arrive during appraisal season. Official indices have two decimals in
/// [0, 100], so there are 10,001 possible rank groups; a unit sits in its index's bucket (kept in name order)
/// and two Fenwick trees count units and non-empty groups above any index. Upsert and Remove cost
/// O(log 10,001 + group size); a rank answer O(log 10,001); a page O(log 10,001 + page). Its answers equal
/// <see cref="Ranker.Rank"/> over the same candidates. Not thread-safe: one owner (a grain) calls it.
/// </summary>
public sealed class LiveRanking
{
    private const int Buckets = 10_001;
    private static readonly IComparer<Entry> InBucket = Comparer<Entry>.Create((a, b) => RankOrder.CompareTies(a.Name, a.UnitCode, b.Name, b.UnitCode));

    private readonly List<Entry>?[] _buckets = new List<Entry>?[Buckets];
    private readonly FenwickTree _units = new(Buckets);
    private readonly FenwickTree _groups = new(Buckets);
    private readonly Dictionary<string, Entry> _ranked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, UnrankedUnit> _unranked = new(StringComparer.Ordinal);

    public int UnitCount => _ranked.Count;

    public int GroupCount { get; private set; }

    public int UnrankedCount => _unranked.Count;

    /// <summary>Adds a unit or replaces what is known of it (index, name, or a reason not to rank it).</summary>
    /// <exception cref="ArgumentException">The index is not an official two-decimal figure in [0, 100].</exception>
    public void Upsert(RankCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentNullException.ThrowIfNull(candidate.UnitCode);
        RankOrder.CheckIndex(candidate);
        Remove(candidate.UnitCode);
        if (candidate.UnrankedReason is { } reason)
        {
            _unranked[candidate.UnitCode] = new UnrankedUnit(candidate.UnitCode, candidate.Name, reason);
            return;
        }

        var entry = new Entry(candidate.UnitCode, candidate.Name, candidate.Index!.Value, PositionOf(candidate.Index.Value));
        var bucket = _buckets[entry.Position] ??= [];
        var at = bucket.BinarySearch(entry, InBucket);
        bucket.Insert(~at, entry);
        _units.Add(entry.Position, 1);
        if (bucket.Count == 1)
        {
            _groups.Add(entry.Position, 1);
            GroupCount++;
        }

        _ranked[entry.UnitCode] = entry;
    }

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

        var bucket = _buckets[entry.Position]!;
        bucket.RemoveAt(bucket.BinarySearch(entry, InBucket));
        _units.Add(entry.Position, -1);
        if (bucket.Count == 0)
        {
            _groups.Add(entry.Position, -1);
            GroupCount--;
        }

        return true;
    }

    /// <summary>The unit's place, or null when it is unknown or not ranked.</summary>
    public RankedUnit? Find(string unitCode) =>
        _ranked.TryGetValue(unitCode, out var entry) ? ToRanked(entry, AnswerFor(entry.Position)) : null;

    /// <summary>Why the unit is not ranked, or null.</summary>
    public UnrankedUnit? FindUnranked(string unitCode) => _unranked.GetValueOrDefault(unitCode);

    public IReadOnlyList<RankedUnit> Top(int count) => Page(0, count);

    /// <summary>Up to <paramref name="count"/> ranked units starting at 0-based <paramref name="offset"/> in ranking order.</summary>
    public IReadOnlyList<RankedUnit> Page(int offset, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var page = new List<RankedUnit>(Math.Min(count, Math.Max(0, UnitCount - offset)));
        if (offset >= UnitCount || count == 0)
        {
            return page;
        }

        var position = _units.Find(offset + 1);
        var skip = offset - _units.Prefix(position - 1);
        while (true)
        {
            var bucket = _buckets[position]!;
            var answer = AnswerFor(position);
            for (var i = skip; i < bucket.Count && page.Count < count; i++)
            {
                page.Add(ToRanked(bucket[i], answer));
            }

            if (page.Count == count || answer.DenseRank == GroupCount)
            {
                return page;
            }

            position = _groups.Find(answer.DenseRank + 1);
            skip = 0;
        }
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

    private static int PositionOf(decimal index) => Buckets - 1 - (int)(index * 100m);

    private static RankedUnit ToRanked(Entry entry, RankAnswer answer) => new(entry.UnitCode, entry.Name, entry.Index, answer);

    private RankAnswer AnswerFor(int position) =>
        new(_units.Prefix(position - 1) + 1, _groups.Prefix(position), GroupCount, _buckets[position]!.Count, UnitCount);

    private sealed record Entry(string UnitCode, string Name, decimal Index, int Position);
}
