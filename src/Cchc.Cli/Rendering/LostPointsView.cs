using System.Globalization;
using Cchc.Api.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Rendering;

/// <summary>Where a commune lost points, largest loss first, and the what-if outcome.</summary>
internal static class LostPointsView
{
    public static IRenderable Build(GetLostPointsResponse response, IReadOnlyCollection<string> whatIfItems)
    {
        ArgumentNullException.ThrowIfNull(response);
        var table = new Table().Border(TableBorder.Rounded).Title("Điểm bị mất theo tiêu chí");
        table.AddColumn("Mã");
        table.AddColumn("Tiêu chí");
        table.AddColumn(new TableColumn("Tối đa").RightAligned());
        table.AddColumn(new TableColumn("Đạt").RightAligned());
        table.AddColumn(new TableColumn("Mất").RightAligned());
        table.AddColumn(new TableColumn("Thẩm định trừ").RightAligned());
        table.AddColumn("Ý kiến hội đồng thẩm định");
        decimal total = 0;
        foreach (var item in response.Items)
        {
            table.AddRow(
                new Text(item.ItemCode),
                new Text(item.ItemName),
                new Text(Figures.Points(item.MaxPoints)),
                new Text(Figures.Points(item.EffectivePoints)),
                new Text(Figures.Points(item.LostPoints), new Style(Color.Red)),
                new Text(Figures.Points(item.AppraisalDeduction)),
                new Text(item.CouncilComment));
            if (decimal.TryParse(item.LostPoints, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var lost))
            {
                total += lost;
            }
        }

        table.Caption(string.Create(CultureInfo.InvariantCulture, $"{response.Items.Count} tiêu chí mất điểm, tổng cộng {total} điểm"));
        if (response.WhatIf is null || whatIfItems.Count == 0)
        {
            return table;
        }

        var whatIf = response.WhatIf;
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow(new Text("Nếu đạt tối đa"), new Text(string.Join(", ", whatIfItems)));
        grid.AddRow(new Text("Chỉ số"), new Text(Figures.Percent(whatIf.Index), new Style(decoration: Decoration.Bold)));
        grid.AddRow(new Text("Xếp loại"), new Text(string.IsNullOrEmpty(whatIf.ClassName) ? Figures.None : whatIf.ClassName));
        grid.AddRow(new Text("Hạng trong tỉnh"), new Text(whatIf.ProvinceRank == 0 ? Figures.None : whatIf.ProvinceRank.ToString(CultureInfo.InvariantCulture)));
        if (whatIf.DistrictRank != 0)
        {
            grid.AddRow(new Text("Hạng trong huyện"), new Text(whatIf.DistrictRank.ToString(CultureInfo.InvariantCulture)));
        }

        return new Rows(table, new Panel(grid).Header("Giả định (what-if)").Border(BoxBorder.Rounded));
    }
}
