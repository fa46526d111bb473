using Cchc.Core.Ranking;

namespace Cchc.Core.Comparison;

/// <summary>
/// One field across two periods, matched by code (fields are renumbered rarely; the names of both years are
/// kept so a reader can see when a code changed meaning). Values are null where the field or the rank is absent.
/// </summary>
public sealed record FieldComparison(
    string Code,
    string Name,
    string? EarlierName,
    decimal? EarlierIndex,
    decimal? LaterIndex,
    RankAnswer? EarlierRank,
    RankAnswer? LaterRank)
{
    public decimal? IndexChange => LaterIndex - EarlierIndex;

    public RankChange? RankChange => RankChange.Between(EarlierRank, LaterRank);
}
