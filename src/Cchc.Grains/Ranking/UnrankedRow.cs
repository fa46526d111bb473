namespace Cchc.Grains.Ranking;

/// <summary>A commune listed apart from the ranking, with the reason.</summary>
[GenerateSerializer, Immutable, Alias("cchc.UnrankedRow")]
public sealed record UnrankedRow(string UnitCode, string Name, string Reason);
