namespace Cchc.Grains.Ranking;

/// <summary>
/// One change as the watcher of one ranking sees it: the commune's new row there (null: no longer ranked) and the
/// ranking's size, with the commune's progress and the scope's progress totals after the change (null without a framework).
/// </summary>
public sealed record RankingFeedUpdate(long Version, string UnitCode, RankingRow? Row, int UnitCount,
    CommuneProgressRow? Progress = null, ProgressTotals? Totals = null);
