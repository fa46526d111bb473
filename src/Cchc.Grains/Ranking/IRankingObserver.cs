namespace Cchc.Grains.Ranking;

/// <summary>
/// What a ranking grain pushes to the one hub per silo that subscribed to it. Calls are awaited one by one, so a
/// hub receives one ranking's changes in version order.
/// </summary>
public interface IRankingObserver : IGrainObserver
{
    /// <summary>A change of ranking <paramref name="rankingKey"/> ("scope/period") in activation <paramref name="epoch"/>.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task OnRankingChangedAsync(string rankingKey, Guid epoch, RankingEvent change);

    /// <summary>The ranking is going away or was rebuilt: changes may stop or restart; watchers must take a fresh snapshot.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task OnRankingResetAsync(string rankingKey, Guid epoch, long version);
}
