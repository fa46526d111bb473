namespace Cchc.Grains.History;

/// <summary>
/// An old commune a merged commune was formed from, with its own figures in one year before the merger: index,
/// class and ranks in its old district and province, read from that year's rankings (no merger rule involved).
/// <see cref="Contributed"/> marks those whose index went into the merged commune's formed figure that year.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.HistoryPredecessorRow")]
public sealed record HistoryPredecessorRow(
    string Code,
    string Name,
    bool Whole,
    bool Contributed,
    string? ProvinceCode,
    string? DistrictCode,
    decimal? Index,
    string? ClassName,
    HistoryRank? DistrictRank,
    HistoryRank? ProvinceRank,
    string? MissingReason);
