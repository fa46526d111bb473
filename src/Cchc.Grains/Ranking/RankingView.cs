namespace Cchc.Grains.Ranking;

/// <summary>One page of a ranking at one version.</summary>
[GenerateSerializer, Immutable, Alias("cchc.RankingView")]
public sealed record RankingView(
    long Version,
    int UnitCount,
    int GroupCount,
    IReadOnlyList<RankingRow> Rows,
    IReadOnlyList<UnrankedRow> Unranked,
    bool Published);
