namespace Cchc.Grains.Ranking;

/// <summary>One commune's row in a ranking, or the reason it is not ranked, with the ranking's version and size.</summary>
[GenerateSerializer, Immutable, Alias("cchc.UnitRankView")]
public sealed record UnitRankView(RankingRow? Row, string? UnrankedReason, long Version, int UnitCount, bool Published);
