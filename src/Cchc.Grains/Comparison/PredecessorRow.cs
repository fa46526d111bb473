namespace Cchc.Grains.Comparison;

/// <summary>An old unit a merged commune was formed from, with its year-A figures; <see cref="IsBasis"/> marks the one the change is measured from.</summary>
[GenerateSerializer, Immutable, Alias("cchc.PredecessorRow")]
public sealed record PredecessorRow(string Code, string Name, bool Whole, bool IsBasis, decimal? IndexA, string? ClassA, int? RankA);
