namespace Cchc.Core.Ranking;

public sealed record RankedUnit(string UnitCode, string Name, decimal Index, RankAnswer Rank);
