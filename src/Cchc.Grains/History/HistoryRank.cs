namespace Cchc.Grains.History;

/// <summary>A place "N of M": the competition rank, and the number of units ranked when known.</summary>
[GenerateSerializer, Immutable, Alias("cchc.HistoryRank")]
public sealed record HistoryRank(int Rank, int? UnitCount);
