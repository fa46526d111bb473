namespace Cchc.Grains.Comparison;

/// <summary>
/// A scope's communes of period B (ranked ones in ranking order, then the others) compared with the earlier period A
/// of the same kind; periods as written in grain keys: "2024", "2024-H1", "2024-Q3".
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.PeriodComparison")]
public sealed record PeriodComparison(string ScopeCode, string PeriodA, string PeriodB, IReadOnlyList<UnitComparisonRow> Units);
