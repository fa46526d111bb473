using Cchc.Grains.Frameworks;
using Cchc.Grains.Scoring;
using Orleans.Concurrency;

namespace Cchc.Grains.Ranking;

/// <summary>
/// The live rankings of a district or a province for one period, overall and per field. Key: "scope/period",
/// e.g. "30/2022" or "288/2022". Membership comes from the unit registry of the period's year. It awaits communes
/// (<see cref="ICommuneGrain.GetSummaryAsync"/>, which interleaves), the previous period's ranking, leaf grains and
/// its observers (hubs that never call back within the notification). It watches its framework
/// (<see cref="IFrameworkWatcher"/>) instead of asking it on every call.
/// </summary>
public interface IRankingGrain : IFrameworkWatcher
{
    /// <summary>
    /// A commune's new figures; applied in O(log n), then pushed to the subscribed hubs. A summary not newer than the
    /// one held is ignored, so the commune's resends are harmless.
    /// </summary>
    [ResponseTimeout(GrainTimeouts.Summary)]
    Task UpdateAsync(CommuneSummary summary);

    /// <summary>A page of the ranking (null: overall; else a field code).</summary>
    /// <exception cref="RequestRejectedException">NotFound for an unknown scope, InvalidArgument for a field the framework lacks.</exception>
    Task<RankingView> GetRankingAsync(string? fieldCode, int offset, int count, CancellationToken cancellationToken = default);

    /// <summary>
    /// The first <paramref name="count"/> rows, or the whole ranking when <paramref name="count"/> covers every unit, as
    /// <see cref="GetRankingAsync"/> with offset 0 gives them, named by the id of the view this grain keeps until its
    /// next change; without the rows when <paramref name="held"/> is that id: a silo that holds the view
    /// (<see cref="FirstPageCopies"/>) is not sent it again.
    /// </summary>
    /// <exception cref="RequestRejectedException">As <see cref="GetRankingAsync"/>.</exception>
    Task<FirstPageRead> ReadFirstPageAsync(string? fieldCode, int count, Guid held, CancellationToken cancellationToken = default);

    /// <summary>One commune's row, or why it is not ranked.</summary>
    /// <exception cref="RequestRejectedException">NotFound when the commune is not a member of the scope.</exception>
    Task<UnitRankView> GetUnitRankAsync(string unitCode, string? fieldCode, CancellationToken cancellationToken = default);

    /// <summary>Every commune of the scope as a ranking candidate (for what-if and comparisons).</summary>
    Task<IReadOnlyList<RankingCandidate>> GetCandidatesAsync(string? fieldCode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Places by unit code, for the next period's "up/down N places"; empty for an unknown scope or field.
    /// <paramref name="reader"/>, the next period's ranking, is sent <see cref="OnPreviousChangedAsync"/> at this
    /// ranking's next change or deactivation (see <see cref="PreviousWatch"/>).
    /// </summary>
    Task<Standings> GetStandingsAsync(string? fieldCode, IRankingGrain? reader, CancellationToken cancellationToken = default);

    /// <summary>The previous period's ranking changed or is deactivating since this ranking read its places.</summary>
    [OneWay]
    Task OnPreviousChangedAsync();

    /// <summary>Publishes (locks) the scope's period; idempotent. Refused for a scope not registered for the year.</summary>
    Task<PublicationResult> PublishAsync(string principal, CancellationToken cancellationToken = default);

    /// <summary>
    /// The scope's progress through the stages: totals over every member commune, and every member's row (or only
    /// <paramref name="communeCode"/>'s) in Vietnamese order of names.
    /// </summary>
    /// <exception cref="RequestRejectedException">
    /// NotFound for an unknown scope or a commune that is not a member; FailedPrecondition when the province has no
    /// framework for the year or its framework does not serve the period's kind.
    /// </exception>
    Task<ProgressView> GetProgressAsync(string? communeCode, CancellationToken cancellationToken = default);

    /// <summary>Where a watch of one ranking starts (see <see cref="RankingFeedStart"/>).</summary>
    Task<RankingFeedStart> GetFeedStartAsync(string? fieldCode, long resumeAfterVersion, CancellationToken cancellationToken = default);

    /// <summary>
    /// Subscribes (or renews) a hub; the subscription expires unless renewed within
    /// <see cref="RankingWatchOptions.SubscriptionExpiry"/>. While subscribed the ranking stays active.
    /// </summary>
    Task<RankingSubscription> SubscribeAsync(IRankingObserver observer, CancellationToken cancellationToken = default);

    Task UnsubscribeAsync(IRankingObserver observer, CancellationToken cancellationToken = default);
}
