namespace Cchc.Grains.Units;

/// <summary>An old unit that a unit formed by the 2025 merger came from, wholly or in part.</summary>
[GenerateSerializer, Immutable, Alias("cchc.UnitPredecessor")]
public sealed record UnitPredecessor(string Code, string Name, bool Partial);
