namespace Cchc.Grains.History;

/// <summary>A commune's years, oldest first.</summary>
[GenerateSerializer, Immutable, Alias("cchc.CommuneHistory")]
public sealed record CommuneHistory(string UnitCode, string Name, IReadOnlyList<HistoryYearRow> Rows);
