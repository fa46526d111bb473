using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;

namespace Cchc.Grains.Scoring;

/// <summary>Turns a computed scorecard into its rows: the totals row ("Tổng điểm"), then fields down to leaves.</summary>
internal static class ScorecardViews
{
    public static ScorecardNodeView Total(ScorecardResult result)
    {
        var total = result.Total;
        var evaluated = result.Items.Where(i => i.IsEvaluated).ToList();
        return new ScorecardNodeView("", ScorecardNodeView.TotalName, 0, result.Framework.DeclaredTotal, total.EvaluatedMax,
            Sum(evaluated, i => i.SelfPoints), Sum(evaluated, i => i.AppraisedPoints), total.Achieved, total.Lost,
            total.AppraisalDeduction, total.Index, total.IsProvisional, evaluated.Count > 0, false, null, null,
            [.. result.Framework.Fields.Select(f => Node(result, f))]);
    }

    private static ScorecardNodeView Node(ScorecardResult result, FrameworkNode node)
    {
        var figures = result.Node(node.Code);
        var leaves = result.Framework.LeavesUnder(node.Code).Select(l => result.Item(l.Code)).ToList();
        var evaluated = leaves.Where(i => i.IsEvaluated).ToList();
        var leaf = node.IsLeaf ? leaves[0] : null;
        return new ScorecardNodeView(
            node.Code,
            node.Name,
            figures.Depth,
            node.Max,
            figures.EvaluatedMax,
            leaf is not null ? leaf.SelfPoints : Sum(evaluated, i => i.SelfPoints),
            leaf is not null ? leaf.AppraisedPoints : Sum(evaluated, i => i.AppraisedPoints),
            figures.Achieved,
            figures.Lost,
            figures.AppraisalDeduction,
            figures.Index,
            figures.IsProvisional,
            evaluated.Count > 0,
            node.IsLeaf,
            leaf?.CouncilComment,
            leaf?.Explanation?.Text,
            [.. node.Children.Select(c => Node(result, c))]);
    }

    // A penalty takes away what it scores; null when no leaf has a figure at this stage.
    private static decimal? Sum(List<ItemResult> items, Func<ItemResult, decimal?> points)
    {
        decimal? sum = null;
        foreach (var item in items)
        {
            if (points(item) is { } p)
            {
                sum = (sum ?? 0m) + (item.Role == ItemRole.Penalty ? -p : p);
            }
        }

        return sum;
    }
}
