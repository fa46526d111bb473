using Cchc.Core.Progress;

namespace Cchc.Grains.Scoring;

/// <summary>A commune's stored stages as progress counts them: which stage was entered for each leaf, and the values compared for a pending explanation.</summary>
internal static class ProgressEntries
{
    public static IReadOnlyDictionary<string, LeafStages> Of(CommuneState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var entries = new Dictionary<string, LeafStages>(state.Items.Count, StringComparer.Ordinal);
        foreach (var (code, item) in state.Items)
        {
            entries[code] = new LeafStages
            {
                SelfEntered = item.Self is not null,
                Self = item.Self?.ToInput(),
                Round1Entered = item.Appraisal1 is not null,
                Round1 = item.Appraisal1?.ToInput(),
                Explained = item.Explanation is not null,
                Round2Entered = item.Appraisal2 is not null,
                Surveyed = item.Survey is not null,
            };
        }

        return entries;
    }
}
