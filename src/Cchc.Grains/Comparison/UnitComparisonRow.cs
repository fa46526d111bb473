namespace Cchc.Grains.Comparison;

/// <summary>
/// One commune of the scope in period B compared with period A: with itself, or across the July 2025 merger with the
/// figure formed from its predecessors (<see cref="ComparedWithCodes"/>: every predecessor, those that contributed
/// first; <see cref="Predecessors"/>: each with its own figures). <see cref="MissingReason"/> says why period A is
/// empty (e.g. the old province had no framework that year).
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.UnitComparisonRow")]
public sealed record UnitComparisonRow(
    string UnitCode,
    string UnitName,
    IReadOnlyList<string> ComparedWithCodes,
    IndexComparisonRow Overall,
    IReadOnlyList<IndexComparisonRow> Fields,
    IReadOnlyList<PredecessorRow> Predecessors,
    string? MissingReason);
