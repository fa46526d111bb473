namespace Cchc.Grains.Ranking;

/// <summary>
/// One change of a scope's rankings: commune <see cref="UnitCode"/> moved. <see cref="Rows"/> holds its new row
/// per ranking ("" for the overall index, else a field code; null when it is not ranked there), so a watcher
/// of any ranking reads its own. <see cref="Version"/> is exactly one more than the previous event's.
/// <see cref="Progress"/> is the commune's progress after the change and <see cref="Totals"/> the scope's; both are
/// null while the scope's province has no framework for the year.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.RankingEvent")]
public sealed record RankingEvent(
    long Version,
    string UnitCode,
    IReadOnlyDictionary<string, RankingRow?> Rows,
    IReadOnlyDictionary<string, int> UnitCounts,
    CommuneProgressRow? Progress = null,
    ProgressTotals? Totals = null);
