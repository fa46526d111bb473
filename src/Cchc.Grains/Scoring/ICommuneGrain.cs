using Cchc.Runtime;

namespace Cchc.Grains.Scoring;

/// <summary>
/// One commune's scores for one period. Key: "commune/period", e.g. "11116/2022". It awaits only leaf grains
/// (unit, framework, publication) and notifies its ranking grains one way, so no call chain can loop back to it.
/// </summary>
public interface ICommuneGrain : IGrainWithStringKey
{
    /// <summary>Validates the whole batch, stores it durably with its audit entries, then notifies the rankings.</summary>
    /// <exception cref="RequestRejectedException">The batch was refused; nothing was stored.</exception>
    Task<SubmitOutcome> SubmitAsync(ScoreSubmission submission);

    /// <summary>The scorecard (empty items when nothing was entered yet).</summary>
    /// <exception cref="RequestRejectedException">Unknown commune, or no framework for the year.</exception>
    Task<CommuneView> GetViewAsync();

    /// <summary>The commune's figures for ranking, or null when nothing was entered for the period.</summary>
    Task<CommuneSummary?> GetSummaryAsync();
}
