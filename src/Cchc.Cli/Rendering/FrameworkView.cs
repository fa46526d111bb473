using Cchc.Api.V1;
using Cchc.Cli.Options;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Rendering;

/// <summary>A framework as a tree: code, name, maximum and how each leaf is scored.</summary>
internal static class FrameworkView
{
    public static IRenderable Build(Framework framework, IEnumerable<PeriodKind> kinds)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var total = string.IsNullOrEmpty(framework.TotalPoints) ? "100" : framework.TotalPoints;
        var title = $"[bold]{Markup.Escape(framework.Title)}[/] ({Markup.Escape(total)} điểm; kỳ: {Markup.Escape(string.Join(", ", kinds.Select(PeriodKindNames.NameOf)))})";
        var tree = new Tree(new Markup(title));
        foreach (var field in framework.Fields)
        {
            Add(tree.AddNode(Label(field)), field);
        }

        return tree;
    }

    public static string Method(FrameworkNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var method = node.Method;
        return method?.MethodCase switch
        {
            LeafMethod.MethodOneofCase.Manual => "chấm trực tiếp",
            LeafMethod.MethodOneofCase.Ratio => "tỷ lệ b/a" + (string.IsNullOrEmpty(method.Ratio.Threshold) ? string.Empty : $", ngưỡng {method.Ratio.Threshold}"),
            LeafMethod.MethodOneofCase.CountTarget => $"số lượng / chỉ tiêu {method.CountTarget.Target}",
            LeafMethod.MethodOneofCase.Deduction => $"trừ {method.Deduction.PointsPerFault} điểm mỗi lỗi",
            LeafMethod.MethodOneofCase.YesNo => "có / không",
            LeafMethod.MethodOneofCase.Bonus => Capped("điểm thưởng", method.Bonus, node.MaxPoints),
            LeafMethod.MethodOneofCase.Penalty => Capped("điểm trừ", method.Penalty, node.MaxPoints),
            _ => string.Empty,
        };
    }

    private static string Capped(string what, CappedMethod method, string cap) =>
        string.IsNullOrEmpty(method.PointsPerCount) ? $"{what}, tối đa {cap}" : $"{what}, {method.PointsPerCount} mỗi lần, tối đa {cap}";

    private static void Add(TreeNode parent, FrameworkNode node)
    {
        foreach (var child in node.Children)
        {
            Add(parent.AddNode(Label(child)), child);
        }
    }

    private static Markup Label(FrameworkNode node)
    {
        var detail = node.Children.Count == 0 ? $" [grey]({Markup.Escape(Method(node))})[/]" : string.Empty;
        var survey = node.SurveyBased ? " [blue]điều tra XHH[/]" : string.Empty;
        return new Markup($"[bold]{Markup.Escape(node.Code)}[/] {Markup.Escape(node.Name)} — {Markup.Escape(node.MaxPoints)} điểm{detail}{survey}");
    }
}
