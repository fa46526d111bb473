using Cchc.Grains.Deadlines;
using Cchc.Grains.Frameworks;
using Orleans.Concurrency;

namespace Cchc.Grains.Scoring;

/// <summary>
/// One commune's scores for one period. Key: "commune/period", e.g. "11116/2022". It awaits leaf grains (unit,
/// framework, publication) and, for reads that show ranks, its ranking grains; those only call back
/// <see cref="GetSummaryAsync"/>, which interleaves, so no call chain can deadlock on it. It watches its framework
/// (<see cref="IFrameworkWatcher"/>) and its scopes' deadlines (<see cref="IDeadlineWatcher"/>) instead of asking them on
/// every call; their notices interleave too.
/// </summary>
public interface ICommuneGrain : IFrameworkWatcher, IDeadlineWatcher
{
    /// <summary>
    /// Validates the whole batch, appends it durably with its audit entries and idempotency record, then notifies the
    /// rankings. A batch cancelled by its caller before the commit stores nothing.
    /// </summary>
    /// <exception cref="RequestRejectedException">The batch was refused; nothing was stored.</exception>
    /// <exception cref="StorageUnavailableException">The database failed; the grain re-reads its stream on the next call.</exception>
    Task<SubmitOutcome> SubmitAsync(ScoreSubmission submission, CancellationToken cancellationToken = default);

    /// <summary>The computed scorecard with its totals row and ranks (empty items when nothing was entered yet).</summary>
    /// <exception cref="RequestRejectedException">Unknown commune, or no framework for the year.</exception>
    Task<ScorecardView> GetScorecardAsync(CancellationToken cancellationToken = default);

    /// <summary>Where points were lost and, for the named items or groups, the index and ranks at full points.</summary>
    /// <exception cref="RequestRejectedException">Unknown commune, no framework, or an item code not in the framework.</exception>
    Task<LostPointsView> GetLostPointsAsync(IReadOnlyList<string> whatIfItems, CancellationToken cancellationToken = default);

    /// <summary>The entries as stored (for callers scoring them against their own framework copy).</summary>
    /// <exception cref="RequestRejectedException">Unknown commune.</exception>
    Task<CommuneScores> GetScoresAsync(CancellationToken cancellationToken = default);

    /// <summary>The commune's figures for ranking, or null when nothing was entered for the period.</summary>
    [AlwaysInterleave]
    [ResponseTimeout(GrainTimeouts.Summary)]
    Task<CommuneSummary?> GetSummaryAsync(CancellationToken cancellationToken = default);
}
