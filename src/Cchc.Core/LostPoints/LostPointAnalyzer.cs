using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;

namespace Cchc.Core.LostPoints;

/// <summary>Where a commune lost points, as the seed reports list them: most points lost first.</summary>
public static class LostPointAnalyzer
{
    /// <summary>Items with points lost or a self−appraised gap, by points lost, then gap, then framework order.</summary>
    public static IReadOnlyList<LostPointItem> Analyze(ScorecardResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            .. result.Items
                .Where(i => i.Lost > 0 || i.AppraisalGap is not (null or 0m))
                .OrderByDescending(i => i.Lost)
                .ThenByDescending(i => i.AppraisalGap ?? 0m)
                .ThenBy(i => i.Code, ItemCodeComparer.Instance)
                .Select(i => new LostPointItem(i.Code, i.Name, i.Max, i.Points, i.Lost, i.SelfPoints, i.AppraisedPoints, i.AppraisalGap, i.CouncilComment, i.Status)),
        ];
    }
}
