using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;
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
        var tally = default(Tally);
        foreach (var leaf in framework.Leaves)
        {
            var entry = items.GetValueOrDefault(leaf.Code);
            var entered = entry is null ? EnteredStages.None
                : (entry.SelfEntered ? EnteredStages.Self : 0) | (entry.Round1Entered ? EnteredStages.Appraisal1 : 0)
                  | (entry.Explained ? EnteredStages.Explanation : 0) | (entry.Round2Entered ? EnteredStages.Appraisal2 : 0)
                  | (entry.Surveyed ? EnteredStages.Survey : 0);
            if (tally.Add(framework.IsSurveyBased(leaf.Code), entered) && TookPointsOff(leaf, entry!.Self, entry.Round1))
            {
                tally.AddPending();
            }
        }

        return tally.ToProgress();
    }

    /// <summary>
    /// The progress of a computed scorecard, counted as <see cref="Count(Framework, IReadOnlyDictionary{string, LeafStages})"/>
    /// counts it, from the stages its entries name (<see cref="ItemEntry.AllEntered"/>) and the points its leaves were
    /// given at each stage, which the computation scored already.
    /// </summary>
    public static CommuneProgress Count(ScorecardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var framework = result.Framework;
        var tally = default(Tally);
        for (var i = 0; i < framework.Leaves.Count; i++)
        {
            var entered = result.EntryAt(i)?.AllEntered ?? EnteredStages.None;
            if (tally.Add(framework.IsSurveyBasedLeaf(i), entered) && TookPointsOff(result.FiguresAt(i)))
            {
                tally.AddPending();
            }
        }

        return tally.ToProgress();
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

    // The figures hold each stage's points as its method gave them, so the comparison is TookPointsOff's without
    // scoring the stages again; a result exists only when every stage's value was one its method takes.
    private static bool TookPointsOff(in ItemFigures leaf) =>
        leaf.SelfPoints is { } claimed && leaf.Appraisal1Points is { } appraised &&
        (leaf.Role == ItemRole.Penalty ? appraised > claimed : appraised < claimed);

    /// <summary>The counts of one commune, leaf by leaf.</summary>
    private struct Tally
    {
        private int _regular, _survey, _self, _round1, _explained, _round2, _surveyed, _pending;

        /// <returns>True when an explanation may be pending on the leaf: round 1 entered, and neither an explanation nor round 2.</returns>
        public bool Add(bool surveyBased, EnteredStages entered)
        {
            if (surveyBased)
            {
                _survey++;
                _surveyed += entered.HasFlag(EnteredStages.Survey) ? 1 : 0;
                return false;
            }

            _regular++;
            _self += entered.HasFlag(EnteredStages.Self) ? 1 : 0;
            _round1 += entered.HasFlag(EnteredStages.Appraisal1) ? 1 : 0;
            _explained += entered.HasFlag(EnteredStages.Explanation) ? 1 : 0;
            _round2 += entered.HasFlag(EnteredStages.Appraisal2) ? 1 : 0;
            return (entered & (EnteredStages.Appraisal1 | EnteredStages.Explanation | EnteredStages.Appraisal2)) == EnteredStages.Appraisal1;
        }

        public void AddPending() => _pending++;

        public readonly CommuneProgress ToProgress() =>
            new(_regular, _survey, _self, _round1, _explained, _round2, _surveyed, _pending);
    }
}
