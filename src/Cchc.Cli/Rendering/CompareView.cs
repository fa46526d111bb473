using System.Globalization;
using Cchc.Api.V1;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Cchc.Cli.Rendering;

/// <summary>Period A against period B: for one commune a row per field; for a scope, a table per field with a row per commune.</summary>
internal static class CompareView
{
    public static IReadOnlyList<IRenderable> Build(IReadOnlyList<UnitComparison> units, Period periodA, Period periodB)
    {
        ArgumentNullException.ThrowIfNull(units);
        ArgumentNullException.ThrowIfNull(periodA);
        ArgumentNullException.ThrowIfNull(periodB);
        var (a, b) = (Label(periodA), Label(periodB));
        if (units.Count == 0)
        {
            return [new Text("Không có đơn vị nào để so sánh.")];
        }

        if (units.Count == 1)
        {
            var unit = units[0];
            var table = NewTable($"{unit.UnitName} ({unit.UnitCode}){Predecessors(unit)}: {a} so với {b}", "Lĩnh vực", a, b);
            foreach (var field in Fields(unit))
            {
                AddRow(table, FieldLabel(field), field);
            }

            return unit.MissingReason.Length == 0 ? [table] : [table, new Text(unit.MissingReason + "\n")];
        }

        var codes = units.SelectMany(u => Fields(u).Select(f => (f.FieldCode, f.FieldName)))
            .DistinctBy(f => f.FieldCode, StringComparer.Ordinal)
            .ToList();
        var tables = new List<IRenderable>();
        foreach (var (code, name) in codes)
        {
            var title = code.Length == 0 ? "Chỉ số CCHC chung" : $"Lĩnh vực {code}. {name}";
            var table = NewTable($"{title}: {a} so với {b}", "Đơn vị", a, b);
            foreach (var unit in units)
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

    /// <summary>"2024", "6 tháng đầu/2024", "Quý 3/2024", as column headers.</summary>
    public static string Label(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        var year = period.Year.ToString(CultureInfo.InvariantCulture);
        return period.Kind switch
        {
            PeriodKind.HalfYear => $"6 tháng {(period.Number == 1 ? "đầu" : "cuối")}/{year}",
            PeriodKind.Quarter => $"Quý {period.Number.ToString(CultureInfo.InvariantCulture)}/{year}",
            _ => year,
        };
    }

    private static IEnumerable<FieldComparison> Fields(UnitComparison unit) =>
        unit.Overall is null ? unit.Fields : unit.Fields.Prepend(unit.Overall);

    private static string FieldLabel(FieldComparison field) =>
        field.FieldCode.Length == 0 ? "Chỉ số CCHC chung" : $"{field.FieldCode}. {field.FieldName}";

    /// <summary>Across the 2025 merger: the old communes the earlier figure is the mean of, or those looked at.</summary>
    private static string Predecessors(UnitComparison unit)
    {
        var contributed = unit.Predecessors.Where(p => p.Contributed).Select(p => p.Code).ToList();
        return contributed.Count > 1 ? $" (bình quân {string.Join(", ", contributed)})"
            : contributed.Count == 1 ? $" (so với {contributed[0]})"
            : unit.ComparedWithCodes.Count == 0 || (unit.ComparedWithCodes.Count == 1 && unit.ComparedWithCodes[0] == unit.UnitCode) ? string.Empty
            : $" (so với {string.Join(", ", unit.ComparedWithCodes)})";
    }

    private static Table NewTable(string title, string firstColumn, string a, string b)
    {
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
        // Without a later rank there is no move to name; without an earlier one the commune is newly ranked.
        var phrase = !string.IsNullOrEmpty(field.Phrase) ? field.Phrase
            : field.RankB == 0 ? Figures.None
            : field.RankA == 0 ? "mới xếp hạng"
            : Figures.Places(field.Places);
        var classes = $"{(string.IsNullOrEmpty(field.ClassA) ? Figures.None : field.ClassA)} → {(string.IsNullOrEmpty(field.ClassB) ? Figures.None : field.ClassB)}";
        var style = field.RankA == 0 ? Style.Plain : field.Places > 0 ? new Style(Color.Green) : field.Places < 0 ? new Style(Color.Red) : Style.Plain;
        table.AddRow(
            new Text(label),
            new Text(Figures.Points(field.IndexA)),
            new Text(Figures.Points(field.IndexB)),
            new Text(Figures.Points(field.IndexChange)),
            new Text(classes),
            new Text($"{Rank(field.RankA, field.UnitCountA)} → {Rank(field.RankB, field.UnitCountB)}"),
            new Text(phrase, style));
    }

    /// <summary>"8/23" (ranked 8th of 23), "8" from a server that sends no count, or "—".</summary>
    private static string Rank(int rank, int unitCount) =>
        rank == 0 ? Figures.None
        : unitCount == 0 ? rank.ToString(CultureInfo.InvariantCulture)
        : $"{rank.ToString(CultureInfo.InvariantCulture)}/{unitCount.ToString(CultureInfo.InvariantCulture)}";
}
