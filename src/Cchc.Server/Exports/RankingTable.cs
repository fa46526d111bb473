using Cchc.Api.V1;

namespace Cchc.Server.Exports;

/// <summary>A ranking as a province publishes it: rank, commune, district, each field's index, index, class, change.</summary>
internal static class RankingTable
{
    public const string ProvisionalNote = "Tạm tính (chưa thẩm định)";

    public static ExportTable Build(
        string scopeCode,
        string scopeName,
        Period period,
        string? rankedField,
        IReadOnlyList<RankingEntry> entries,
        IReadOnlyList<UnrankedUnit> unranked,
        IReadOnlyList<RankingField> fields,
        IReadOnlyDictionary<string, string> districtByUnit,
        bool published)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(unranked);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(districtByUnit);
        var earlier = period.Kind == PeriodKind.Year ? "năm trước" : "kỳ trước";
        List<ExportColumn> columns =
        [
            new("Hạng", 7), new("Mã xã", 8), new("Tên xã, phường, thị trấn", 28), new("Huyện", 20),
            .. fields.Select(f => new ExportColumn($"Lĩnh vực {f.Code}: {f.Name}", 16)),
            new(rankedField is null ? "Chỉ số CCHC" : $"Chỉ số thành phần lĩnh vực {rankedField}", 12),
            new("Xếp loại", 12),
            new($"Hạng {earlier}", 9),
            new($"Chỉ số tăng/giảm so với {earlier}", 14),
            new($"Thứ hạng so với {earlier}", 16),
            new("Ghi chú", 22),
        ];
        var rows = new List<IReadOnlyList<ExportCell>>();
        foreach (var entry in entries)
        {
            var change = entry.Change;
            rows.Add(
            [
                ExportCell.Of(entry.CompetitionRank),
                ExportCell.Of(entry.UnitCode),
                ExportCell.Of(entry.UnitName),
                ExportCell.Of(districtByUnit.GetValueOrDefault(entry.UnitCode)),
                .. fields.Select(f => ExportFigures.Cell(f.IndexByUnit.GetValueOrDefault(entry.UnitCode, ""))),
                ExportFigures.Cell(entry.Index),
                ExportCell.Of(entry.ClassName),
                change is { HasPrevious: true } ? ExportCell.Of(change.PreviousRank) : ExportCell.Blank,
                change is { HasPrevious: true } ? ExportFigures.Cell(change.IndexChange) : ExportCell.Blank,
                ExportCell.Of(change is { HasPrevious: true } ? change.Phrase : ""),
                ExportCell.Of(entry.Provisional ? ProvisionalNote : null),
            ]);
        }

        foreach (var unit in unranked)
        {
            rows.Add(
            [
                ExportCell.Blank,
                ExportCell.Of(unit.UnitCode),
                ExportCell.Of(unit.UnitName),
                ExportCell.Of(districtByUnit.GetValueOrDefault(unit.UnitCode)),
                .. fields.Select(_ => ExportCell.Blank),
                ExportCell.Blank,
                ExportCell.Blank,
                ExportCell.Blank,
                ExportCell.Blank,
                ExportCell.Blank,
                ExportCell.Of($"Không xếp hạng: {unit.Reason}"),
            ]);
        }

        var what = rankedField is null ? "Chỉ số cải cách hành chính" : $"Chỉ số thành phần lĩnh vực {rankedField}";
        return new ExportTable(
            $"xep-hang-{scopeCode}-{ExportFigures.FileTag(period)}{(rankedField is null ? "" : "-linh-vuc-" + rankedField)}.xlsx",
            "Xếp hạng",
            $"Kết quả xếp hạng {what} cấp xã {ExportFigures.Words(period)}",
            $"{scopeName} ({scopeCode}){(published ? "" : " — kết quả chưa công bố")}",
            columns,
            rows);
    }
}
