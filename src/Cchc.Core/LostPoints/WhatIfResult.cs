using Cchc.Core.Comparison;
using Cchc.Core.Ranking;

namespace Cchc.Core.LostPoints;

/// <summary>Where a commune stands now and where it would stand with the chosen items at full points.</summary>
public sealed record WhatIfResult(
    string UnitCode,
    IReadOnlyList<string> ItemCodes,
    decimal? CurrentIndex,
    string? CurrentClass,
    RankAnswer? CurrentRank,
    decimal? NewIndex,
    string? NewClass,
    RankAnswer? NewRank,
    decimal PointsGained)
{
    public RankChange? RankChange => RankChange.Between(CurrentRank, NewRank);
}
