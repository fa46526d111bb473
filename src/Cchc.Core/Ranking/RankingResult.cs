namespace Cchc.Core.Ranking;

/// <summary>
/// A ranking: units by index (highest first), ties in Vietnamese name order then by code; units not ranked
/// apart, in name order.
/// </summary>
public sealed class RankingResult
{
    private Dictionary<string, RankedUnit>? _byCode;

    public RankingResult(IReadOnlyList<RankedUnit> ranked, IReadOnlyList<UnrankedUnit> unranked)
    {
        Ranked = ranked ?? throw new ArgumentNullException(nameof(ranked));
        Unranked = unranked ?? throw new ArgumentNullException(nameof(unranked));
    }

    public IReadOnlyList<RankedUnit> Ranked { get; }

    public IReadOnlyList<UnrankedUnit> Unranked { get; }

    public int UnitCount => Ranked.Count;

    public int GroupCount => Ranked.Count == 0 ? 0 : Ranked[^1].Rank.DenseRank;

    /// <summary>The unit's place, or null when it is not ranked here.</summary>
    public RankedUnit? Find(string unitCode)
    {
        _byCode ??= Ranked.ToDictionary(r => r.UnitCode, StringComparer.Ordinal);
        return _byCode.GetValueOrDefault(unitCode);
    }
}
