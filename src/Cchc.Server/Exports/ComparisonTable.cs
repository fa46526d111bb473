using Cchc.Api.V1;

namespace Cchc.Server.Exports;

/// <summary>Year A against year B for every commune of a scope: the index, class and rank of both years, then each field's index.</summary>
internal static class ComparisonTable
{
    public static ExportTable Build(string scopeCode, string scopeName, int yearA, int yearB, IReadOnlyList<UnitComparison> units)
    {
        ArgumentNullException.ThrowIfNull(units);
        var fields = units.SelectMany(u => u.Fields).GroupBy(f => f.FieldCode).Select(g => (Code: g.Key, g.First().FieldName)).ToList();
        List<ExportColumn> columns =
        [
            new("STT", 6), new("Mã xã", 8), new("Tên xã, phường, thị trấn", 28),
            new($"Chỉ số {yearA}", 10), new($"Chỉ số {yearB}", 10), new("Tăng/giảm", 10),
            new($"Xếp loại {yearA}", 11), new($"Xếp loại {yearB}", 11),
            new($"Hạng {yearA}", 8), new($"Hạng {yearB}", 8), new("Thứ hạng", 14),
            .. fields.SelectMany(f => new ExportColumn[]
            {
                new($"Lĩnh vực {f.Code} {yearA}", 11), new($"Lĩnh vực {f.Code} {yearB}", 11), new($"Lĩnh vực {f.Code} tăng/giảm", 11),
            }),
            new("Ghi chú", 30),
        ];
        var rows = new List<IReadOnlyList<ExportCell>>();
        foreach (var unit in units)
        {
            var overall = unit.Overall ?? new FieldComparison();
            var byField = unit.Fields.ToDictionary(f => f.FieldCode);
            rows.Add(
            [
                ExportCell.Of(rows.Count + 1),
                ExportCell.Of(unit.UnitCode),
                ExportCell.Of(unit.UnitName),
                ExportFigures.Cell(overall.IndexA),
                ExportFigures.Cell(overall.IndexB),
                ExportFigures.Cell(overall.IndexChange),
                ExportCell.Of(overall.ClassA),
                ExportCell.Of(overall.ClassB),
                ExportFigures.Rank(overall.RankA),
                ExportFigures.Rank(overall.RankB),
                ExportCell.Of(overall.Phrase),
                .. fields.SelectMany(f => byField.TryGetValue(f.Code, out var c)
                    ? new[] { ExportFigures.Cell(c.IndexA), ExportFigures.Cell(c.IndexB), ExportFigures.Cell(c.IndexChange) }
                    : [ExportCell.Blank, ExportCell.Blank, ExportCell.Blank]),
                ExportCell.Of(Note(unit)),
            ]);
        }

        return new ExportTable(
            $"so-sanh-{scopeCode}-{yearA}-{yearB}.xlsx",
            "So sánh",
            $"So sánh Chỉ số cải cách hành chính cấp xã năm {yearB} với năm {yearA}",
            $"{scopeName} ({scopeCode}); lĩnh vực: {string.Join("; ", fields.Select(f => $"{f.Code}. {f.FieldName}"))}",
            columns,
            rows);
    }

    private static string Note(UnitComparison unit)
    {
        var notes = new List<string>();
        if (!string.IsNullOrEmpty(unit.MissingReason))
        {
            notes.Add(unit.MissingReason);
        }

        if (unit.Predecessors.Count > 0)
        {
            notes.Add("Hợp nhất từ: " + string.Join(", ", unit.Predecessors.Select(p => $"{p.Name} ({p.Code}){(string.IsNullOrEmpty(p.Index) ? "" : " " + p.Index)}")));
        }

        return string.Join(". ", notes);
    }
}
