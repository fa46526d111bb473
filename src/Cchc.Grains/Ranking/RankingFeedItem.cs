namespace Cchc.Grains.Ranking;

/// <summary>
/// What a watch yields: a snapshot of the whole ranking, or one update whose version is exactly one more than the
/// previous item's. <see cref="Resync"/> marks a snapshot that replaces a broken sequence (the watcher fell behind,
/// an update went missing, or the ranking was rebuilt or moved): the watcher drops what it had and starts from it.
/// <see cref="MoreWaiting"/> says that the next item is already queued and follows at once, so a writer may send this
/// one without flushing it. A watcher that batches with a wait is handed its updates as <see cref="Frame"/>s instead,
/// shared with the silo's other watchers that batch alike. A struct: a watch yields one for every message it writes.
/// </summary>
public readonly record struct RankingFeedItem(RankingView? Snapshot, RankingFeedUpdate? Update, bool Resync, bool MoreWaiting = false,
    RankingFeedFrame? Frame = null)
{
    public long Version => Snapshot?.Version ?? Update?.Version ?? Frame!.LastVersion;
}
