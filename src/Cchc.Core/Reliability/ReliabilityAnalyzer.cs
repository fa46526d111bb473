using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;

namespace Cchc.Core.Reliability;

/// <summary>
/// Compares what a commune claimed with what the council found ("Hiền Thành: self 77.00, appraised 69.82"), overall
/// or within one field. Only items evaluated in the period with both a self score and an appraisal in points count:
/// an item still awaiting appraisal, or appraised without a claim, would otherwise widen or hide the gap.
/// </summary>
public static class ReliabilityAnalyzer
{
    /// <param name="fieldCode">A field's (or criterion's) code to restrict the comparison to its leaves; null for every leaf.</param>
    /// <exception cref="KeyNotFoundException">The framework has no node <paramref name="fieldCode"/>.</exception>
    public static CommuneReliability Analyze(ScorecardResult result, string? fieldCode = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        var leaves = fieldCode is null ? null : result.Framework.LeavesUnder(fieldCode).Select(l => l.Code).ToHashSet(StringComparer.Ordinal);
        decimal self = 0m, appraised = 0m;
        int compared = 0, over = 0, under = 0, awaiting = 0, unclaimed = 0;
        foreach (var item in result.Items)
        {
            if ((leaves is not null && !leaves.Contains(item.Code)) || !item.IsEvaluated)
            {
                continue;
            }

            switch (item.SelfPoints, item.AppraisedPoints)
            {
                case ({ } claimed, { } found):
                    var (s, a) = (Effect(item.Role, claimed), Effect(item.Role, found));
                    (self, appraised, compared) = (self + s, appraised + a, compared + 1);
                    over += s > a ? 1 : 0;
                    under += s < a ? 1 : 0;
                    break;
                case ({ }, null):
                    awaiting++;
                    break;
                case (null, { }):
                    unclaimed++;
                    break;
            }
        }

        var reason = compared > 0 ? null : Reason(fieldCode, awaiting, unclaimed);
        return new CommuneReliability(result.UnitCode, result.UnitName, self, appraised, compared, over, under, awaiting, unclaimed, reason);
    }

    /// <summary>A commune whose entries could not be scored against the framework (e.g. it was replaced since), listed apart.</summary>
    public static CommuneReliability Unscorable(string unitCode, string name, string reason) =>
        new(unitCode, name, 0m, 0m, 0, 0, 0, 0, 0, reason);

    private static decimal Effect(ItemRole role, decimal points) => role == ItemRole.Penalty ? -points : points;

    private static string Reason(string? fieldCode, int awaiting, int unclaimed)
    {
        var where = fieldCode is null ? "" : $" in field {fieldCode}";
        return (awaiting, unclaimed) switch
        {
            (0, 0) => fieldCode is null ? "no scores entered" : $"no scores entered{where}",
            (> 0, 0) => $"{Items(awaiting)} self-assessed{where}, none appraised yet",
            (0, > 0) => $"{Items(unclaimed)} appraised{where}, none of them self-assessed",
            _ => $"no item{where} has both a self-assessment and an appraisal ({awaiting} awaiting appraisal, {unclaimed} appraised without a self-assessment)",
        };
    }

    private static string Items(int count) => count == 1 ? "1 item" : $"{count} items";
}
