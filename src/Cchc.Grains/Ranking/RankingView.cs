using Cchc.Core.Ranking;

namespace Cchc.Grains.Ranking;

/// <summary>One page of a ranking at one version.</summary>
public sealed record RankingView(
    long Version,
    int UnitCount,
    int GroupCount,
    IReadOnlyList<RankingRow> Rows,
    IReadOnlyList<UnrankedUnit> Unranked,
    bool Published);
