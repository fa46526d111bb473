using System.Globalization;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Spectre.Console;

namespace Cchc.Cli.Rendering;

/// <summary>A reliability table: one row per compared commune in the order asked, the scope's totals, then the communes not compared and why.</summary>
internal static class ReliabilityView
{
    public static void Write(IAnsiConsole console, GetReliabilityRequest request, GetReliabilityResponse response)
    {
        ArgumentNullException.ThrowIfNull(console);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(response);
        var what = response.FieldCode.Length == 0 ? "mọi lĩnh vực" : $"lĩnh vực {response.FieldCode}. {response.FieldName}";
        var table = new Table().Border(TableBorder.Rounded)
            .Title(Markup.Escape($"Tự chấm so với thẩm định, {request.ScopeCode}, {PeriodKindNames.Describe(request.Period)}, {what}"));
        table.AddColumn(new TableColumn("#").RightAligned());
        table.AddColumn("Mã");
        table.AddColumn("Tên đơn vị");
        table.AddColumn(new TableColumn("Tự chấm").RightAligned());
        table.AddColumn(new TableColumn("Thẩm định").RightAligned());
        table.AddColumn(new TableColumn("Chênh lệch").RightAligned());
        table.AddColumn(new TableColumn("Mục chấm cao hơn").RightAligned());
        table.AddColumn(new TableColumn("Mục so sánh").RightAligned());
        foreach (var row in response.Rows)
        {
            table.AddRow(
                new Text(Count(row.Position)),
                new Text(row.UnitCode),
                new Text(row.UnitName),
                new Text(row.SelfTotal),
                new Text(row.AppraisedTotal),
                new Text(row.Gap, row.Gap.StartsWith('+') ? new Style(Color.Red) : Style.Plain),
                new Text(Count(row.ItemsOver)),
                new Text(Count(row.ItemsCompared)));
        }

        console.Write(table);
        console.MarkupLineInterpolated(
            $"Scope totals: self {response.SelfTotal}, appraised {response.AppraisedTotal}, gap {response.Gap}; {response.ItemsOver} of {response.ItemsCompared} items scored higher by the communes than by the council.");
        console.MarkupLine("[grey]Only items with both a self-assessment and an appraisal (round 2, else round 1) are compared.[/]");
        if (response.Excluded.Count > 0)
        {
            console.MarkupLine("[yellow]Not compared:[/]");
            foreach (var unit in response.Excluded)
            {
                console.MarkupLineInterpolated($"  {unit.UnitCode} {unit.UnitName}: {unit.Reason}");
            }
        }
    }

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
}
