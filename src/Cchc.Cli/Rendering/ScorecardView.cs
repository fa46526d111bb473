using Cchc.Api.V1;
using Cchc.Cli.Options;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Rendering;

/// <summary>A scorecard: the index, class and ranks on top, then the framework tree with each node's figures.</summary>
internal static class ScorecardView
{
    public static IRenderable Build(GetScorecardResponse card)
    {
        ArgumentNullException.ThrowIfNull(card);
        var summary = new Grid().AddColumn().AddColumn();
        summary.AddRow(new Text("Đơn vị"), new Text($"{card.CommuneName} ({card.CommuneCode})", new Style(decoration: Decoration.Bold)));
        summary.AddRow(new Text("Kỳ đánh giá"), new Text(PeriodKindNames.Describe(card.Period ?? new Period())));
        summary.AddRow(new Text("Chỉ số CCHC"), new Text(Figures.Percent(card.Index) + (card.Provisional ? " (tạm tính, còn điểm tự chấm)" : string.Empty), new Style(decoration: Decoration.Bold)));
        summary.AddRow(new Text("Xếp loại"), new Text(string.IsNullOrEmpty(card.ClassName) ? Figures.None : card.ClassName));
        if (card.DistrictRank is not null)
        {
            summary.AddRow(new Text("Xếp hạng trong huyện"), new Text(Figures.Rank(card.DistrictRank)));
        }

        summary.AddRow(new Text("Xếp hạng trong tỉnh"), new Text(Figures.Rank(card.ProvinceRank)));

        var tree = new Tree(new Text("Mã  Tên  | tối đa | tự chấm | thẩm định | tính điểm | mất | chỉ số thành phần", new Style(decoration: Decoration.Dim)));
        foreach (var field in card.Fields)
        {
            Add(tree.AddNode(Label(field)), field);
        }

        // Officials read the card's bottom line as "Tổng điểm"; the server sends it as a root node without children.
        if (card.Total is { } total)
        {
            tree.AddNode(Label(total));
        }

        return new Rows(new Panel(summary).Header("Phiếu điểm").Border(BoxBorder.Rounded), tree);
    }

    private static void Add(TreeNode parent, ScorecardNode node)
    {
        foreach (var child in node.Children)
        {
            Add(parent.AddNode(Label(child)), child);
        }
    }

    private static IRenderable Label(ScorecardNode node)
    {
        var figures = node.Evaluated
            ? $"{Figures.Points(node.MaxPoints)} | {Figures.Points(node.SelfPoints)} | {Figures.Points(node.AppraisedPoints)} | "
              + $"{Figures.Points(node.EffectivePoints)} | mất {Figures.Points(node.LostPoints)} | {Figures.Percent(node.ComponentIndex)}"
              + (node.Provisional ? " *" : string.Empty)
            : "không đánh giá kỳ này";
        var lines = new List<IRenderable>
        {
            new Markup(string.IsNullOrEmpty(node.Code)
                ? $"[bold]{Markup.Escape(node.Name)}[/]  [grey]{Markup.Escape(figures)}[/]"
                : $"[bold]{Markup.Escape(node.Code)}[/] {Markup.Escape(node.Name)}  [grey]{Markup.Escape(figures)}[/]"),
        };
        if (!string.IsNullOrEmpty(node.CouncilComment))
        {
            lines.Add(new Markup($"  [yellow]Ý kiến hội đồng thẩm định:[/] {Markup.Escape(node.CouncilComment)}"));
        }

        if (!string.IsNullOrEmpty(node.Explanation))
        {
            lines.Add(new Markup($"  [blue]Giải trình:[/] {Markup.Escape(node.Explanation)}"));
        }

        return lines.Count == 1 ? lines[0] : new Rows(lines);
    }
}
