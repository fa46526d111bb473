using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;

namespace Cchc.Core.Progress;

/// <summary>Counts one commune's progress (<see cref="CommuneProgress"/>) against the framework of its period.</summary>
public static class ProgressCounter
{
    /// <summary>
    /// The commune's progress: each leaf of <paramref name="framework"/> counted once per stage entered for it. Entries
    /// for codes the framework has no leaf for (a framework replaced since) are left out, as are stages that do not
    /// apply to a leaf's kind (survey points on a regular leaf, self-assessment on a survey-based one).
    /// </summary>
    public static CommuneProgress Count(Framework framework, IReadOnlyDictionary<string, LeafStages> items)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(items);
        int regular = 0, survey = 0, self = 0, round1 = 0, explained = 0, round2 = 0, surveyed = 0, pending = 0;
        foreach (var leaf in framework.Leaves)
        {
            var entry = items.GetValueOrDefault(leaf.Code);
            if (framework.IsSurveyBased(leaf.Code))
            {
                survey++;
                surveyed += entry is { Surveyed: true } ? 1 : 0;
                continue;
            }

            regular++;
            if (entry is null)
            {
                continue;
            }

            self += entry.SelfEntered ? 1 : 0;
            round1 += entry.Round1Entered ? 1 : 0;
            explained += entry.Explained ? 1 : 0;
            round2 += entry.Round2Entered ? 1 : 0;
            pending += entry.Round1Entered && !entry.Explained && !entry.Round2Entered && TookPointsOff(leaf, entry.Self, entry.Round1) ? 1 : 0;
        }

        return new CommuneProgress(regular, survey, self, round1, explained, round2, surveyed, pending);
    }

    /// <summary>
    /// True when round 1 lowered the item's effect on the score: fewer points than self-assessed, or for a penalty more
    /// points deducted. An item marked "not evaluated" (or not applicable) at either stage has no points to compare.
    /// </summary>
    public static bool TookPointsOff(FrameworkNode leaf, ScoreInput? self, ScoreInput? round1)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        if (self is null || round1 is null || leaf.Method is not { } method)
        {
            return false;
        }

        try
        {
            if (method.Score(leaf.Code, leaf.Max, self).Points is not { } claimed ||
                method.Score(leaf.Code, leaf.Max, round1).Points is not { } appraised)
            {
                return false;
            }

            return leaf.Role == ItemRole.Penalty ? appraised > claimed : appraised < claimed;
        }
        catch (ScoreInputException)
        {
            // A value the leaf's method no longer takes (the framework was replaced since): nothing to compare.
            return false;
        }
    }
}
