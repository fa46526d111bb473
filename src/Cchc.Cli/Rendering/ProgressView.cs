using System.Globalization;
using Cchc.Api.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Rendering;

/// <summary>A scope's progress as tables: stages × all / some / none, the explanations pending, and one row per commune.</summary>
internal static class ProgressView
{
    /// <summary>The totals: one row per stage, then the explanations in a line of their own.</summary>
    public static IRenderable Totals(ProgressTotals totals, string title)
    {
        ArgumentNullException.ThrowIfNull(totals);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn("Giai đoạn");
        table.AddColumn(new TableColumn("Đủ tất cả").RightAligned());
        table.AddColumn(new TableColumn("Một phần").RightAligned());
        table.AddColumn(new TableColumn("Chưa có").RightAligned());
        table.AddColumn(new TableColumn("Không áp dụng").RightAligned());
        Stage(table, "Tự đánh giá", totals.SelfAssessment);
        Stage(table, "Thẩm định vòng 1", totals.AppraisalRound1);
        Stage(table, "Thẩm định vòng 2", totals.AppraisalRound2);
        Stage(table, "Điều tra xã hội học", totals.Survey);
        return new Rows(table, new Text(Explanations(totals)));
    }

    /// <summary>"Giải trình: 3 xã còn 7 tiêu chí chờ giải trình; 12 tiêu chí đã giải trình."</summary>
    public static string Explanations(ProgressTotals totals)
    {
        ArgumentNullException.ThrowIfNull(totals);
        return string.Create(CultureInfo.InvariantCulture,
            $"Giải trình: {totals.CommunesWithPendingExplanations} xã còn {totals.PendingExplanations} tiêu chí chờ giải trình; {totals.Explained} tiêu chí đã giải trình.");
    }

    /// <summary>One row per commune: entered of R (or of S for the survey), explained and pending.</summary>
    public static Table Communes(IEnumerable<CommuneProgress> communes, IReadOnlySet<string>? highlight = null)
    {
        ArgumentNullException.ThrowIfNull(communes);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Mã");
        table.AddColumn("Tên đơn vị");
        table.AddColumn(new TableColumn("Tự đánh giá").RightAligned());
        table.AddColumn(new TableColumn("Thẩm định vòng 1").RightAligned());
        table.AddColumn(new TableColumn("Đã giải trình").RightAligned());
        table.AddColumn(new TableColumn("Chờ giải trình").RightAligned());
        table.AddColumn(new TableColumn("Thẩm định vòng 2").RightAligned());
        table.AddColumn(new TableColumn("Điều tra").RightAligned());
        foreach (var commune in communes)
        {
            var style = highlight is not null && highlight.Contains(commune.UnitCode) ? new Style(decoration: Decoration.Bold | Decoration.Invert) : Style.Plain;
            table.AddRow(
                new Text(commune.UnitCode, style),
                new Text(commune.UnitName, style),
                new Text(Of(commune.SelfAssessed, commune.RegularItems), style),
                new Text(Of(commune.AppraisedRound1, commune.RegularItems), style),
                new Text(commune.Explained.ToString(CultureInfo.InvariantCulture), style),
                new Text(commune.ExplanationsPending.ToString(CultureInfo.InvariantCulture), commune.ExplanationsPending > 0 ? new Style(Color.Yellow).Combine(style) : style),
                new Text(Of(commune.AppraisedRound2, commune.RegularItems), style),
                new Text(commune.SurveyItems == 0 ? Figures.None : Of(commune.Surveyed, commune.SurveyItems), style));
        }

        return table;
    }

    private static void Stage(Table table, string name, StageProgress? stage)
    {
        stage ??= new StageProgress();
        table.AddRow(name, Count(stage.All), Count(stage.Some), Count(stage.None), Count(stage.NotApplicable));
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Of(int done, int of) => string.Create(CultureInfo.InvariantCulture, $"{done}/{of}");
}
