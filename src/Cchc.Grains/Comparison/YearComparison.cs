namespace Cchc.Grains.Comparison;

/// <summary>A scope's communes of year B (ranked ones in ranking order, then the others) compared with year A.</summary>
[GenerateSerializer, Immutable, Alias("cchc.YearComparison")]
public sealed record YearComparison(string ScopeCode, int YearA, int YearB, IReadOnlyList<UnitComparisonRow> Units);
