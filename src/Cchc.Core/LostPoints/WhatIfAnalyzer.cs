using Cchc.Core.Frameworks;
using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;

namespace Cchc.Core.LostPoints;

/// <summary>"If we fixed these items": the index and rank with chosen items (or every leaf under chosen nodes) at full points.</summary>
public static class WhatIfAnalyzer
{
    /// <param name="framework">The card's framework.</param>
    /// <param name="card">The commune's card as it stands.</param>
    /// <param name="itemCodes">Leaves or parents to put at full points (a penalty at 0).</param>
    /// <param name="scope">The units of the scope; the commune's own entry, if present, is replaced.</param>
    /// <exception cref="ArgumentException">An item code is not in the framework.</exception>
    public static WhatIfResult AtFullPoints(Framework framework, Scorecard card, IEnumerable<string> itemCodes, IEnumerable<RankCandidate> scope)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(card);
        ArgumentNullException.ThrowIfNull(itemCodes);
        ArgumentNullException.ThrowIfNull(scope);
        var codes = itemCodes.ToList();
        var others = scope.Where(c => c.UnitCode != card.UnitCode).ToList();
        var current = ScorecardCalculator.Compute(framework, card);
        var improved = ScorecardCalculator.Compute(framework, Improve(framework, card, codes));
        return new WhatIfResult(
            card.UnitCode,
            codes,
            current.Index,
            current.ClassName,
            RankAmong(others, current),
            improved.Index,
            improved.ClassName,
            RankAmong(others, improved),
            improved.Total.Achieved - current.Total.Achieved);
    }

    private static Scorecard Improve(Framework framework, Scorecard card, List<string> codes)
    {
        var items = new Dictionary<string, ItemEntry>(card.Items, StringComparer.Ordinal);
        foreach (var code in codes)
        {
            if (!framework.Contains(code))
            {
                throw new ArgumentException($"Item {code} is not in the framework {framework.Name}.", nameof(codes));
            }

            foreach (var leaf in framework.LeavesUnder(code))
            {
                var entry = (items.GetValueOrDefault(leaf.Code) ?? new ItemEntry()) with { NotEvaluated = false };
                items[leaf.Code] = framework.IsSurveyBased(leaf.Code)
                    ? entry with { SurveyPoints = leaf.Max }
                    : entry with { Appraisal2 = new PointsInput(leaf.Role == ItemRole.Penalty ? 0m : leaf.Max) };
            }
        }

        return card with { Items = items };
    }

    private static RankAnswer? RankAmong(List<RankCandidate> others, ScorecardResult result) =>
        Ranker.Rank([.. others, RankCandidate.Overall(result)]).Find(result.UnitCode)?.Rank;
}
