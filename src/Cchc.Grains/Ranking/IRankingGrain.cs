using Cchc.Core.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Runtime;

namespace Cchc.Grains.Ranking;

/// <summary>
/// The live rankings of a district or a province for one period, overall and per field. Key: "scope/period",
/// e.g. "30/2022" or "288/2022". Membership comes from the unit registry of the period's year.
/// It awaits communes (their summaries, at activation) and the previous period's ranking; nothing awaits back.
/// </summary>
public interface IRankingGrain : IGrainWithStringKey
{
    /// <summary>A commune's new figures; applied in O(log n), then published to watchers.</summary>
    [OneWay]
    Task UpdateAsync(CommuneSummary summary);

    /// <summary>A page of the ranking ("" or null: overall; else a field code).</summary>
    /// <exception cref="RequestRejectedException">Unknown scope, or a field the framework lacks.</exception>
    Task<RankingView> GetRankingAsync(string? fieldCode, int offset, int count);

    /// <summary>One commune's row, or null when it is not ranked; the view's unranked list says why.</summary>
    Task<(RankingRow? Row, RankingView Summary)> GetUnitRankAsync(string unitCode, string? fieldCode);

    /// <summary>Every commune of the scope as a ranking candidate (for what-if questions).</summary>
    Task<IReadOnlyList<RankCandidate>> GetCandidatesAsync(string? fieldCode);

    /// <summary>Places by unit code, for the next period's "up/down N places".</summary>
    Task<IReadOnlyDictionary<string, PreviousStanding>> GetStandingsAsync(string? fieldCode);

    /// <summary>Starts watching: a snapshot (or the events missed since <paramref name="resumeAfterVersion"/>), then every change.</summary>
    Task<RankingSubscription> SubscribeAsync(string? fieldCode, long resumeAfterVersion);
}
