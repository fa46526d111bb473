using System.Globalization;
using Cchc.Api.V1;
using Spectre.Console;

namespace Cchc.Cli.Rendering;

/// <summary>
/// A commune's history as a table, a row per year with the move in the province ("tăng 5 bậc", "giảm 7 bậc"); under a
/// year formed from predecessors, a line per predecessor with its own figures, marked when it contributed to the
/// year's figure; then why any year has none.
/// </summary>
internal static class HistoryView
{
    public static void Write(IAnsiConsole console, GetHistoryResponse response)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(response);
        if (response.Rows.Count == 0)
        {
            console.MarkupLineInterpolated($"{response.UnitName} ({response.UnitCode}): no year has a framework yet.");
            return;
        }

        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape($"{response.UnitName} ({response.UnitCode}): Chỉ số CCHC qua các năm"));
        table.AddColumn(new TableColumn("Năm").RightAligned());
        table.AddColumn("Số liệu của");
        table.AddColumn(new TableColumn("Chỉ số").RightAligned());
        table.AddColumn("Xếp loại");
        table.AddColumn(new TableColumn("Hạng huyện").RightAligned());
        table.AddColumn(new TableColumn("Hạng tỉnh").RightAligned());
        table.AddColumn(new TableColumn("Tăng/giảm").RightAligned());
        table.AddColumn("Thay đổi");
        foreach (var row in response.Rows)
        {
            var phrase = row.Phrase.Length > 0 ? row.Phrase : Figures.None;
            var style = row.Places > 0 ? new Style(Color.Green) : row.Places < 0 ? new Style(Color.Red) : Style.Plain;
            table.AddRow(
                new Text(row.Year.ToString(CultureInfo.InvariantCulture)),
                new Text(Whose(row)),
                new Text(Figures.Points(row.Index)),
                new Text(Figures.Points(row.ClassName)),
                new Text(Rank(row.DistrictRank)),
                new Text(Rank(row.ProvinceRank)),
                new Text(Figures.Points(row.IndexChange)),
                new Text(phrase, style));
            foreach (var p in row.Predecessors)
            {
                table.AddRow(
                    new Text(string.Empty),
                    new Text($"  ↳ {p.UnitCode} {p.UnitName}{(p.Contributed ? " (tính vào chỉ số)" : string.Empty)}{(p.Whole ? string.Empty : " (một phần)")}", new Style(decoration: Decoration.Dim)),
                    new Text(Figures.Points(p.Index), new Style(decoration: Decoration.Dim)),
                    new Text(Figures.Points(p.ClassName), new Style(decoration: Decoration.Dim)),
                    new Text(Rank(p.DistrictRank), new Style(decoration: Decoration.Dim)),
                    new Text(Rank(p.ProvinceRank), new Style(decoration: Decoration.Dim)),
                    new Text(string.Empty),
                    new Text(string.Empty));
            }
        }

        console.Write(table);
        foreach (var row in response.Rows.Where(r => r.MissingReason.Length > 0))
        {
            console.MarkupLineInterpolated($"[yellow]{row.Year}:[/] {row.MissingReason}");
        }
    }

    /// <summary>"19408", or before the merger "bình quân 19384, 19408 (trước sáp nhập)" when several predecessors contributed.</summary>
    private static string Whose(HistoryRow row) =>
        !row.FromPredecessors ? string.Join(", ", row.Codes)
        : row.Codes.Count > 1 && row.Index.Length > 0 ? $"bình quân {string.Join(", ", row.Codes)} (trước sáp nhập)"
        : $"{string.Join(", ", row.Codes)} (trước sáp nhập)";

    /// <summary>"8/23", "8" when the count is not known, "–" when not ranked.</summary>
    private static string Rank(HistoryRank? rank) =>
        rank is null || rank.Rank == 0 ? Figures.None
        : rank.UnitCount > 0 ? string.Create(CultureInfo.InvariantCulture, $"{rank.Rank}/{rank.UnitCount}")
        : rank.Rank.ToString(CultureInfo.InvariantCulture);
}
