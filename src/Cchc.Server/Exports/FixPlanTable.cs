using Cchc.Api.V1;

namespace Cchc.Server.Exports;

/// <summary>A commune's fix-it plan: the items where points were lost, most lost first, with comment, owner and deadline.</summary>
internal static class FixPlanTable
{
    public static ExportTable Build(string communeCode, string communeName, Period period, IReadOnlyList<LostPointItem> items, string owner, string deadline)
    {
        ArgumentNullException.ThrowIfNull(items);
        List<ExportColumn> columns =
        [
            new("STT", 6), new("Mã tiêu chí", 10), new("Nội dung tiêu chí", 42), new("Điểm tối đa", 10), new("Điểm đạt", 10),
            new("Điểm bị mất", 10), new("Điểm bị trừ khi thẩm định", 12), new("Ý kiến của Hội đồng thẩm định", 32),
            new("Người/bộ phận phụ trách", 20), new("Thời hạn hoàn thành", 14), new("Kết quả khắc phục", 20),
        ];

        // The analysis lists the items already; the plan keeps the most points lost first, and the analysis's order among equals.
        var ordered = items.Select((item, i) => (item, i))
            .OrderByDescending(x => decimal.Parse(x.item.LostPoints, System.Globalization.CultureInfo.InvariantCulture))
            .ThenBy(x => x.i)
            .Select(x => x.item);
        var rows = new List<IReadOnlyList<ExportCell>>();
        foreach (var item in ordered)
        {
            rows.Add(
            [
                ExportCell.Of(rows.Count + 1),
                ExportCell.Of(item.ItemCode),
                ExportCell.Of(item.ItemName),
                ExportFigures.Cell(item.MaxPoints),
                ExportFigures.Cell(item.EffectivePoints),
                ExportFigures.Cell(item.LostPoints),
                ExportFigures.Cell(item.AppraisalDeduction),
                ExportCell.Of(item.CouncilComment),
                ExportCell.Of(owner),
                ExportCell.Of(deadline),
                ExportCell.Blank,
            ]);
        }

        return new ExportTable(
            $"ke-hoach-khac-phuc-{communeCode}-{ExportFigures.FileTag(period)}.xlsx",
            "Kế hoạch khắc phục",
            $"Kế hoạch khắc phục các tiêu chí bị mất điểm Chỉ số CCHC {ExportFigures.Words(period)}",
            $"{communeName} ({communeCode})",
            columns,
            rows);
    }
}
