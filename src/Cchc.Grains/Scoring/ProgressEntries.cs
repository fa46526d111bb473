using Cchc.Core.Progress;
using Cchc.Core.Scorecards;

namespace Cchc.Grains.Scoring;

/// <summary>A commune's stored stages as progress counts them: which stage was entered for each leaf, and the values compared for a pending explanation.</summary>
internal static class ProgressEntries
{
    /// <param name="state">The stages entered.</param>
    /// <param name="card">
    /// The scorecard of <paramref name="state"/>: the values compared are its own, converted once for the scoring and
    /// not again here.
    /// </param>
    public static IReadOnlyDictionary<string, LeafStages> Of(CommuneState state, Scorecard card)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(card);
        var entries = new Dictionary<string, LeafStages>(state.Items.Count, StringComparer.Ordinal);
        foreach (var (code, item) in state.Items)
        {
            var values = card.Items[code];
            entries[code] = new LeafStages
            {
                SelfEntered = item.Self is not null,
                Self = values.Self,
                Round1Entered = item.Appraisal1 is not null,
                Round1 = values.Appraisal1,
                Explained = item.Explanation is not null,
                Round2Entered = item.Appraisal2 is not null,
                Surveyed = item.Survey is not null,
            };
        }

        return entries;
    }
}
