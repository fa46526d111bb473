namespace Cchc.Grains.Comparison;

/// <summary>
/// One index compared across two years: overall (<see cref="FieldCode"/> "") or a field present in both years'
/// frameworks. Year-A figures are null when there is no basis; rank figures are competition ranks.
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
    string? Phrase);
