namespace Cchc.Core.Ranking;

/// <summary>A unit listed apart from the ranking, with the reason.</summary>
public sealed record UnrankedUnit(string UnitCode, string Name, string Reason);
