namespace Cchc.Grains.Ranking;

/// <summary>
/// Where a watch starts: the events after the watcher's version when the ranking still has all of them
/// (<see cref="Snapshot"/> null), else a snapshot of the whole ranking. <see cref="Version"/> is the ranking's.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.RankingFeedStart")]
public sealed record RankingFeedStart(RankingView? Snapshot, IReadOnlyList<RankingEvent> Missed, long Version, Guid Epoch);
