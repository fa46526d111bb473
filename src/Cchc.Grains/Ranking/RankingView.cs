namespace Cchc.Grains.Ranking;

/// <summary>
/// One page of a ranking at one version. <see cref="Progress"/> is set on the snapshots that start a watch (every
/// member's progress and the totals, at the same version); null on pages and without a framework.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.RankingView")]
public sealed record RankingView(
    long Version,
    int UnitCount,
    int GroupCount,
    IReadOnlyList<RankingRow> Rows,
    IReadOnlyList<UnrankedRow> Unranked,
    bool Published,
    ProgressView? Progress = null);
