namespace Cchc.Grains.Comparison;

/// <summary>
/// One index compared across two periods: overall (<see cref="FieldCode"/> "") or a field present in both periods'
/// frameworks. Period-A figures are null when there are none (across the 2025 merger they are the figures formed from
/// predecessors); rank figures are competition ranks, each out of its unit count (<see cref="UnitCountA"/>: across the
/// merger, the new scope's communes with a formed figure).
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.IndexComparisonRow")]
public sealed record IndexComparisonRow(
    string FieldCode,
    string FieldName,
    decimal? IndexA,
    decimal? IndexB,
    decimal? IndexChange,
    string? ClassA,
    string? ClassB,
    int? RankA,
    int? RankB,
    int? Places,
    string? Phrase,
    int? UnitCountA = null,
    int? UnitCountB = null);
