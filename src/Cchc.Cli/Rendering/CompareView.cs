using System.Globalization;
using Cchc.Api.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Rendering;

/// <summary>Year A against year B: for one commune a row per field; for a scope, a table per field with a row per commune.</summary>
internal static class CompareView
{
    public static IReadOnlyList<IRenderable> Build(CompareYearsResponse response, int yearA, int yearB)
    {
        ArgumentNullException.ThrowIfNull(response);
        if (response.Units.Count == 0)
        {
            return [new Text("Không có đơn vị nào để so sánh.")];
        }

        if (response.Units.Count == 1)
        {
            var unit = response.Units[0];
            var table = NewTable($"{unit.UnitName} ({unit.UnitCode}){Predecessors(unit)}: {yearA} so với {yearB}", "Lĩnh vực", yearA, yearB);
            foreach (var field in Fields(unit))
            {
                AddRow(table, FieldLabel(field), field);
            }

            return [table];
        }

        var codes = response.Units.SelectMany(u => Fields(u).Select(f => (f.FieldCode, f.FieldName)))
            .DistinctBy(f => f.FieldCode, StringComparer.Ordinal)
            .ToList();
        var tables = new List<IRenderable>();
        foreach (var (code, name) in codes)
        {
            var title = code.Length == 0 ? "Chỉ số CCHC chung" : $"Lĩnh vực {code}. {name}";
            var table = NewTable($"{title}: {yearA} so với {yearB}", "Đơn vị", yearA, yearB);
            foreach (var unit in response.Units)
            {
                if (Fields(unit).FirstOrDefault(f => f.FieldCode == code) is { } field)
                {
                    AddRow(table, $"{unit.UnitCode} {unit.UnitName}{Predecessors(unit)}", field);
                }
            }

            tables.Add(table);
        }

        return tables;
    }

    private static IEnumerable<FieldComparison> Fields(UnitComparison unit) =>
        unit.Overall is null ? unit.Fields : unit.Fields.Prepend(unit.Overall);

    private static string FieldLabel(FieldComparison field) =>
        field.FieldCode.Length == 0 ? "Chỉ số CCHC chung" : $"{field.FieldCode}. {field.FieldName}";

    private static string Predecessors(UnitComparison unit) =>
        unit.ComparedWithCodes.Count == 0 || (unit.ComparedWithCodes.Count == 1 && unit.ComparedWithCodes[0] == unit.UnitCode)
            ? string.Empty
            : $" (so với {string.Join(", ", unit.ComparedWithCodes)})";

    private static Table NewTable(string title, string firstColumn, int yearA, int yearB)
    {
        var a = yearA.ToString(CultureInfo.InvariantCulture);
        var b = yearB.ToString(CultureInfo.InvariantCulture);
        var table = new Table().Border(TableBorder.Rounded).Title(Markup.Escape(title));
        table.AddColumn(firstColumn);
        table.AddColumn(new TableColumn($"Chỉ số {a}").RightAligned());
        table.AddColumn(new TableColumn($"Chỉ số {b}").RightAligned());
        table.AddColumn(new TableColumn("Tăng/giảm").RightAligned());
        table.AddColumn("Xếp loại");
        table.AddColumn(new TableColumn($"Hạng {a} → {b}").RightAligned());
        table.AddColumn("Thay đổi");
        return table;
    }

    private static void AddRow(Table table, string label, FieldComparison field)
    {
        var rankA = field.RankA == 0 ? Figures.None : field.RankA.ToString(CultureInfo.InvariantCulture);
        var rankB = field.RankB == 0 ? Figures.None : field.RankB.ToString(CultureInfo.InvariantCulture);
        var phrase = !string.IsNullOrEmpty(field.Phrase) ? field.Phrase : field.RankA == 0 ? "mới xếp hạng" : Figures.Places(field.Places);
        var classes = $"{(string.IsNullOrEmpty(field.ClassA) ? Figures.None : field.ClassA)} → {(string.IsNullOrEmpty(field.ClassB) ? Figures.None : field.ClassB)}";
        var style = field.RankA == 0 ? Style.Plain : field.Places > 0 ? new Style(Color.Green) : field.Places < 0 ? new Style(Color.Red) : Style.Plain;
        table.AddRow(
            new Text(label),
            new Text(Figures.Points(field.IndexA)),
            new Text(Figures.Points(field.IndexB)),
            new Text(Figures.Points(field.IndexChange)),
            new Text(classes),
            new Text($"{rankA} → {rankB}"),
            new Text(phrase, style));
    }
}
