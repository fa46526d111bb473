namespace Cchc.Grains.History;

/// <summary>
/// One year of a commune's history: whose figures (<see cref="Codes"/>), the index, class and ranks, the change from
/// the previous row, and, for a year before the merger of a merged commune, its predecessors' own figures.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.HistoryYearRow")]
public sealed record HistoryYearRow(
    int Year,
    IReadOnlyList<string> Codes,
    bool FromPredecessors,
    string? ProvinceCode,
    string? DistrictCode,
    decimal? Index,
    string? ClassName,
    HistoryRank? DistrictRank,
    HistoryRank? ProvinceRank,
    decimal? IndexChange,
    int? Places,
    string? Phrase,
    string? MissingReason,
    IReadOnlyList<HistoryPredecessorRow> Predecessors);
