namespace Cchc.Grains.Comparison;

/// <summary>
/// One commune of the scope in year B compared with year A: with itself, or across the July 2025 merger with the
/// old commune chosen as basis among its predecessors (<see cref="ComparedWithCodes"/>, basis first).
/// <see cref="MissingReason"/> says why year A is empty (e.g. the old province had no framework that year).
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
