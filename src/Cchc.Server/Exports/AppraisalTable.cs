using Cchc.Api.V1;

namespace Cchc.Server.Exports;

/// <summary>A commune's appraisal table as the councils send it: every field, criterion and item with its points and comment.</summary>
internal static class AppraisalTable
{
    public static ExportTable Build(GetScorecardResponse card)
    {
        ArgumentNullException.ThrowIfNull(card);
        List<ExportColumn> columns =
        [
            new("STT", 6), new("Mã tiêu chí", 10), new("Lĩnh vực, tiêu chí, tiêu chí thành phần", 45), new("Điểm tối đa", 10),
            new("Điểm tự đánh giá", 11), new("Điểm thẩm định", 11), new("Điểm bị trừ", 10),
            new("Ý kiến của Hội đồng thẩm định", 35), new("Trách nhiệm khắc phục", 22),
        ];
        var rows = new List<IReadOnlyList<ExportCell>>();
        foreach (var field in card.Fields)
        {
            Add(rows, field);
        }

        if (card.Total is { } total)
        {
            rows.Add(Row(null, new ScorecardNode(total) { Name = string.IsNullOrEmpty(total.Name) ? "Tổng điểm" : total.Name }));
        }

        return new ExportTable(
            $"bang-tham-dinh-{card.CommuneCode}-{ExportFigures.FileTag(card.Period)}.xlsx",
            "Bảng thẩm định",
            $"Bảng thẩm định kết quả tự đánh giá, chấm điểm Chỉ số CCHC {ExportFigures.Words(card.Period)}",
            $"{card.CommuneName} ({card.CommuneCode}) — Chỉ số: {card.Index}{(string.IsNullOrEmpty(card.ClassName) ? "" : ", xếp loại " + card.ClassName)}{(card.Provisional ? " (tạm tính)" : "")}",
            columns,
            rows);
    }

    private static void Add(List<IReadOnlyList<ExportCell>> rows, ScorecardNode node)
    {
        rows.Add(Row(rows.Count + 1, node));
        foreach (var child in node.Children)
        {
            Add(rows, child);
        }
    }

    // Where the data names no owner the column stays blank: the commune writes who will fix the item.
    private static IReadOnlyList<ExportCell> Row(int? order, ScorecardNode node) =>
    [
        order is { } n ? ExportCell.Of(n) : ExportCell.Blank,
        ExportCell.Of(node.Code),
        ExportCell.Of(node.Name),
        ExportFigures.Cell(node.FrameworkMaxPoints),
        ExportFigures.Cell(node.SelfPoints),
        ExportFigures.Cell(node.AppraisedPoints),
        ExportFigures.Cell(node.AppraisalDeduction),
        ExportCell.Of(node.CouncilComment),
        ExportCell.Blank,
    ];
}
