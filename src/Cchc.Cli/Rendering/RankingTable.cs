using System.Globalization;
using Cchc.Api.V1;
using Spectre.Console;

namespace Cchc.Cli.Rendering;

/// <summary>A ranking as a table; tied units show "=" after their rank and share the shading of their rank group.</summary>
internal static class RankingTable
{
    public static Table Build(IEnumerable<RankingEntry> entries, IReadOnlySet<string>? highlight = null, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var table = new Table().Border(TableBorder.Rounded);
        if (title is not null)
        {
            table.Title(Markup.Escape(title));
        }

        table.AddColumn(new TableColumn("Hạng").RightAligned());
        table.AddColumn(new TableColumn("Nhóm hạng").RightAligned());
        table.AddColumn("Mã");
        table.AddColumn("Tên đơn vị");
        table.AddColumn(new TableColumn("Chỉ số").RightAligned());
        table.AddColumn("Xếp loại");
        table.AddColumn("Thay đổi");
        table.AddColumn("Tạm tính");
        foreach (var entry in entries)
        {
            var style = RowStyle(entry, highlight);
            var rank = entry.CompetitionRank.ToString(CultureInfo.InvariantCulture) + (entry.TiedCount > 1 ? "=" : string.Empty);
            var group = entry.TiedCount > 1
                ? string.Create(CultureInfo.InvariantCulture, $"{entry.DenseRank} ({entry.TiedCount} đồng hạng)")
                : entry.DenseRank.ToString(CultureInfo.InvariantCulture);
            table.AddRow(
                new Text(rank, style),
                new Text(group, style),
                new Text(entry.UnitCode, style),
                new Text(entry.UnitName, style),
                new Text(Figures.Points(entry.Index), style),
                new Text(string.IsNullOrEmpty(entry.ClassName) ? Figures.None : entry.ClassName, style),
                new Text(Figures.Change(entry.Change), ChangeStyle(entry.Change).Combine(style)),
                new Text(entry.Provisional ? "* tự chấm" : string.Empty, style));
        }

        return table;
    }

    private static Style RowStyle(RankingEntry entry, IReadOnlySet<string>? highlight)
    {
        if (highlight is not null && highlight.Contains(entry.UnitCode))
        {
            return new Style(decoration: Decoration.Bold | Decoration.Invert);
        }

        // Alternate rank groups are dimmed, so a run of tied units reads as one block.
        return entry.DenseRank % 2 == 0 ? new Style(decoration: Decoration.Dim) : Style.Plain;
    }

    private static Style ChangeStyle(RankChange? change) =>
        change is { HasPrevious: true, Places: > 0 } ? new Style(Color.Green)
        : change is { HasPrevious: true, Places: < 0 } ? new Style(Color.Red)
        : Style.Plain;
}
