using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Xml.Linq;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// The four official tables through the real server, opened by LibreOffice Calc: the figures it reads are numbers
/// equal to the API's answers (and to arithmetic on the scores entered), the Vietnamese names survive in NFC.
/// </summary>
public sealed class ExportTests(ExportFixture fixture) : IClassFixture<ExportFixture>
{
    private const int HeaderRow = 2;

    [Fact]
    public async Task The_ranking_holds_the_apis_ranks_indexes_classes_fields_and_changes_as_numbers()
    {
        var sheet = fixture.Sheets[ExportKind.Ranking];
        var ranking = await fixture.Admin.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = ExportFixture.Province, Period = Rpc.Year(2023) }).ResponseAsync;
        var field1 = await FieldIndexesAsync("1");
        var field2 = await FieldIndexesAsync("2");

        Assert.Equal("Xếp hạng", sheet.Name);
        Assert.Equal("xep-hang-87-2023.xlsx", fixture.FileNames[ExportKind.Ranking]);
        Assert.StartsWith("Kết quả xếp hạng Chỉ số cải cách hành chính cấp xã năm 2023", sheet.Cell(0, 0).Text, StringComparison.Ordinal);
        Assert.Equal(3, ranking.Entries.Count);
        var (rank, name, district, index, klass, previous, change, phrase) = (
            sheet.Column(HeaderRow, "Hạng"), sheet.Column(HeaderRow, "Tên xã, phường, thị trấn"), sheet.Column(HeaderRow, "Huyện"),
            sheet.Column(HeaderRow, "Chỉ số CCHC"), sheet.Column(HeaderRow, "Xếp loại"), sheet.Column(HeaderRow, "Hạng năm trước"),
            sheet.Column(HeaderRow, "Chỉ số tăng/giảm so với năm trước"), sheet.Column(HeaderRow, "Thứ hạng so với năm trước"));
        var (f1, f2) = (sheet.Column(HeaderRow, "Lĩnh vực 1: Công tác chỉ đạo, điều hành"), sheet.Column(HeaderRow, "Lĩnh vực 2: Cải cách thủ tục hành chính"));
        for (var i = 0; i < ranking.Entries.Count; i++)
        {
            var entry = ranking.Entries[i];
            var row = HeaderRow + 1 + i;
            Assert.Equal(entry.CompetitionRank, (int)sheet.Cell(row, rank).Number);
            Assert.Equal(ExportFixture.Names[entry.UnitCode], sheet.Cell(row, name).Text);
            Assert.True(sheet.Cell(row, name).Text.IsNormalized(NormalizationForm.FormC));
            Assert.Equal("Huyện Đồng Hỷ", sheet.Cell(row, district).Text);
            Assert.Equal(Figure(entry.Index), sheet.Cell(row, index).Number);
            Assert.Equal(Figure(field1[entry.UnitCode]), sheet.Cell(row, f1).Number);
            Assert.Equal(Figure(field2[entry.UnitCode]), sheet.Cell(row, f2).Number);
            Assert.Equal(entry.ClassName, sheet.Cell(row, klass).Text);
            Assert.Equal(entry.Change.PreviousRank, (int)sheet.Cell(row, previous).Number);
            Assert.Equal(Figure(entry.Change.IndexChange), sheet.Cell(row, change).Number);
            Assert.Equal(entry.Change.Phrase, sheet.Cell(row, phrase).Text);
        }

        // Arithmetic on the scores entered: 34 + 57 = 91.00 first (2nd in 2022 with 75.00), 85.00, 65.00.
        Assert.Equal(("87101", 91.00m, 16.00m, "tăng 1 bậc"), (sheet.Cell(3, 1).Text, sheet.Cell(3, index).Number, sheet.Cell(3, change).Number, sheet.Cell(3, phrase).Text));
        Assert.Equal(("87102", 85.00m, -5.00m, "giảm 1 bậc"), (sheet.Cell(4, 1).Text, sheet.Cell(4, index).Number, sheet.Cell(4, change).Number, sheet.Cell(4, phrase).Text));
        Assert.Equal(("87103", 65.00m, 3), (sheet.Cell(5, 1).Text, sheet.Cell(5, index).Number, (int)sheet.Cell(5, rank).Number));
        Assert.Equal(85.00m, sheet.Cell(3, f1).Number); // 34 / 40
        Assert.Equal(95.00m, sheet.Cell(3, f2).Number); // 57 / 60
        Assert.Equal(6, sheet.Rows.Count);
    }

    [Fact]
    public async Task The_appraisal_table_lists_every_row_of_the_scorecard_with_its_points_and_the_councils_comment()
    {
        var sheet = fixture.Sheets[ExportKind.AppraisalTable];
        var card = await fixture.Admin.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = ExportFixture.Appraised, Period = Rpc.Year(2023) }).ResponseAsync;
        List<ScorecardNode> nodes = [.. card.Fields.SelectMany(Flatten)];

        Assert.Equal("Bảng thẩm định", sheet.Name);
        Assert.Contains("Xã Tân Hưng Đông", sheet.Cell(1, 0).Text, StringComparison.Ordinal);
        var (order, code, name, max, self, appraised, deduction, comment, owner) = (
            sheet.Column(HeaderRow, "STT"), sheet.Column(HeaderRow, "Mã tiêu chí"), sheet.Column(HeaderRow, "Lĩnh vực, tiêu chí, tiêu chí thành phần"),
            sheet.Column(HeaderRow, "Điểm tối đa"), sheet.Column(HeaderRow, "Điểm tự đánh giá"), sheet.Column(HeaderRow, "Điểm thẩm định"),
            sheet.Column(HeaderRow, "Điểm bị trừ"), sheet.Column(HeaderRow, "Ý kiến của Hội đồng thẩm định"), sheet.Column(HeaderRow, "Trách nhiệm khắc phục"));
        Assert.Equal(4, nodes.Count);
        for (var i = 0; i < nodes.Count; i++)
        {
            var row = HeaderRow + 1 + i;
            Assert.Equal(i + 1, (int)sheet.Cell(row, order).Number);
            Assert.Equal(nodes[i].Code, sheet.Cell(row, code).Text);
            Assert.Equal(nodes[i].Name, sheet.Cell(row, name).Text);
            Assert.Equal(Figure(nodes[i].FrameworkMaxPoints), sheet.Cell(row, max).Number);
            Assert.Equal(Figure(nodes[i].SelfPoints), sheet.Cell(row, self).Number);
            Assert.Equal(Figure(nodes[i].AppraisedPoints), sheet.Cell(row, appraised).Number);
            Assert.Equal(Figure(nodes[i].AppraisalDeduction), sheet.Cell(row, deduction).Number);
            Assert.Equal(nodes[i].CouncilComment, sheet.Cell(row, comment).Text);
            Assert.True(sheet.Cell(row, owner).IsEmpty);
        }

        // Item 1.1: maximum 40, self 38, appraised 34, 4 points taken, with the council's words.
        var item = HeaderRow + 1 + nodes.FindIndex(n => n.Code == "1.1");
        Assert.Equal((40m, 38m, 34m, 4m, ExportFixture.Comment),
            (sheet.Cell(item, max).Number, sheet.Cell(item, self).Number, sheet.Cell(item, appraised).Number, sheet.Cell(item, deduction).Number, sheet.Cell(item, comment).Text));
        Assert.Equal("Thực hiện cơ chế một cửa, một cửa liên thông", sheet.Cell(HeaderRow + 1 + nodes.FindIndex(n => n.Code == "2.1"), name).Text);

        // The last row: the total, 95 self and 91 appraised of 100.
        var total = sheet.Rows.Count - 1;
        Assert.Equal(("Tổng điểm", 100m, 95m, 91m), (sheet.Cell(total, name).Text, sheet.Cell(total, max).Number, sheet.Cell(total, self).Number, sheet.Cell(total, appraised).Number));
    }

    [Fact]
    public async Task The_year_comparison_holds_both_years_indexes_ranks_and_moves_of_the_api()
    {
        var sheet = fixture.Sheets[ExportKind.YearComparison];
        var comparison = await fixture.Admin.Ranking.CompareYearsAsync(new CompareYearsRequest { ScopeCode = ExportFixture.Province, YearA = 2022, YearB = 2023 }).ResponseAsync;

        Assert.Equal("So sánh", sheet.Name);
        var (code, name, a, b, change, rankA, rankB, phrase, field1B) = (
            sheet.Column(HeaderRow, "Mã xã"), sheet.Column(HeaderRow, "Tên xã, phường, thị trấn"), sheet.Column(HeaderRow, "Chỉ số 2022"),
            sheet.Column(HeaderRow, "Chỉ số 2023"), sheet.Column(HeaderRow, "Tăng/giảm"), sheet.Column(HeaderRow, "Hạng 2022"),
            sheet.Column(HeaderRow, "Hạng 2023"), sheet.Column(HeaderRow, "Thứ hạng"), sheet.Column(HeaderRow, "Lĩnh vực 1 2023"));
        Assert.Equal(3, comparison.Units.Count);
        for (var i = 0; i < comparison.Units.Count; i++)
        {
            var unit = comparison.Units[i];
            var row = HeaderRow + 1 + i;
            Assert.Equal(unit.UnitCode, sheet.Cell(row, code).Text);
            Assert.Equal(ExportFixture.Names[unit.UnitCode], sheet.Cell(row, name).Text);
            Assert.Equal(Figure(unit.Overall.IndexA), sheet.Cell(row, a).Number);
            Assert.Equal(Figure(unit.Overall.IndexB), sheet.Cell(row, b).Number);
            Assert.Equal(Figure(unit.Overall.IndexChange), sheet.Cell(row, change).Number);
            Assert.Equal(unit.Overall.RankA, (int)sheet.Cell(row, rankA).Number);
            Assert.Equal(unit.Overall.RankB, (int)sheet.Cell(row, rankB).Number);
            Assert.Equal(unit.Overall.Phrase, sheet.Cell(row, phrase).Text);
            Assert.Equal(Figure(unit.Fields.Single(f => f.FieldCode == "1").IndexB), sheet.Cell(row, field1B).Number);
        }

        // 87103: 53.00 → 65.00, +12.00, 3rd both years.
        var last = HeaderRow + 3;
        Assert.Equal(("87103", 53m, 65m, 12m, 3, 3), (sheet.Cell(last, code).Text, sheet.Cell(last, a).Number, sheet.Cell(last, b).Number,
            sheet.Cell(last, change).Number, (int)sheet.Cell(last, rankA).Number, (int)sheet.Cell(last, rankB).Number));
    }

    [Fact]
    public async Task The_fix_plan_puts_the_most_points_lost_first_with_the_comment_owner_and_deadline()
    {
        var sheet = fixture.Sheets[ExportKind.FixPlan];
        var lost = await fixture.Admin.Scoring.GetLostPointsAsync(new GetLostPointsRequest { CommuneCode = ExportFixture.Appraised, Period = Rpc.Year(2023) }).ResponseAsync;

        Assert.Equal("Kế hoạch khắc phục", sheet.Name);
        var (code, max, points, lostPoints, comment, owner, deadline) = (
            sheet.Column(HeaderRow, "Mã tiêu chí"), sheet.Column(HeaderRow, "Điểm tối đa"), sheet.Column(HeaderRow, "Điểm đạt"),
            sheet.Column(HeaderRow, "Điểm bị mất"), sheet.Column(HeaderRow, "Ý kiến của Hội đồng thẩm định"),
            sheet.Column(HeaderRow, "Người/bộ phận phụ trách"), sheet.Column(HeaderRow, "Thời hạn hoàn thành"));

        // 1.1 lost 40 − 34 = 6, 2.1 lost 60 − 57 = 3.
        Assert.Equal(["1.1", "2.1"], lost.Items.OrderByDescending(i => Figure(i.LostPoints)).Select(i => i.ItemCode));
        Assert.Equal(HeaderRow + 1 + 2, sheet.Rows.Count);
        Assert.Equal(("1.1", 40m, 34m, 6m, ExportFixture.Comment), (sheet.Cell(3, code).Text, sheet.Cell(3, max).Number, sheet.Cell(3, points).Number, sheet.Cell(3, lostPoints).Number, sheet.Cell(3, comment).Text));
        Assert.Equal(("2.1", 60m, 57m, 3m), (sheet.Cell(4, code).Text, sheet.Cell(4, max).Number, sheet.Cell(4, points).Number, sheet.Cell(4, lostPoints).Number));
        foreach (var item in lost.Items)
        {
            var row = HeaderRow + 1 + lost.Items.OrderByDescending(i => Figure(i.LostPoints)).ToList().IndexOf(item);
            Assert.Equal(Figure(item.LostPoints), sheet.Cell(row, lostPoints).Number);
            Assert.Equal(Figure(item.EffectivePoints), sheet.Cell(row, points).Number);
            Assert.Equal((ExportFixture.Owner, ExportFixture.Deadline), (sheet.Cell(row, owner).Text, sheet.Cell(row, deadline).Text));
        }
    }

    [Fact]
    public void Every_sheet_prints_on_A4_landscape_one_page_wide_with_its_header_on_each_page_and_freezes_it_on_screen()
    {
        Assert.Equal(4, fixture.Sheets.Count);
        foreach (var (kind, sheet) in fixture.Sheets)
        {
            // As LibreOffice read the print setup: A4 (29.7 × 21 cm) landscape, scaled to one page wide, row 3 repeated.
            var layout = sheet.Document.Descendants(Style + "page-layout-properties").Single(p => p.Attribute(Style + "scale-to-X") is not null);
            Assert.Equal(("landscape", "1"), ((string?)layout.Attribute(Style + "print-orientation"), (string?)layout.Attribute(Style + "scale-to-X")));
            Assert.Equal(29.7, Centimetres((string)layout.Attribute(Fo + "page-width")!), 1);
            Assert.Equal(21.0, Centimetres((string)layout.Attribute(Fo + "page-height")!), 1);
            var headerRows = sheet.Document.Descendants(Table + "table-header-rows").Single();
            Assert.Equal(sheet.Rows[HeaderRow][0].Text, headerRows.Descendants(Text + "p").First().Value);

            // A converter opens no window, so LibreOffice saves no view (and no frozen pane): read the workbook's own sheet.
            using var zip = new ZipArchive(new MemoryStream(fixture.Workbooks[kind]));
            var worksheet = XDocument.Load(zip.Entries.Single(e => e.FullName.StartsWith("xl/worksheets/", StringComparison.Ordinal)).Open());
            var pane = worksheet.Descendants(Spreadsheet + "pane").Single();
            Assert.Equal(("3", "A4", "frozen"), ((string?)pane.Attribute("ySplit"), (string?)pane.Attribute("topLeftCell"), (string?)pane.Attribute("state")));
        }
    }

    [Fact]
    public async Task A_reader_of_another_province_is_refused_every_unpublished_table()
    {
        using var stranger = fixture.Server.ClientAs(TestTokens.Viewer("86"));
        foreach (var request in new[]
        {
            new ExportTableRequest { Kind = ExportKind.Ranking, ScopeCode = ExportFixture.Province, Period = Rpc.Year(2023) },
            new ExportTableRequest { Kind = ExportKind.AppraisalTable, CommuneCode = ExportFixture.Appraised, Period = Rpc.Year(2023) },
            new ExportTableRequest { Kind = ExportKind.YearComparison, ScopeCode = ExportFixture.Province, YearA = 2022, YearB = 2023 },
            new ExportTableRequest { Kind = ExportKind.FixPlan, CommuneCode = ExportFixture.Appraised, Period = Rpc.Year(2023) },
        })
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => ExportFixture.DownloadAsync(stranger, request));
            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        }
    }

    [Fact]
    public async Task A_missing_kind_or_an_unknown_field_is_invalid_with_what_to_give()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(() => ExportFixture.DownloadAsync(fixture.Admin, new ExportTableRequest { ScopeCode = ExportFixture.Province }));
        Assert.Equal((StatusCode.InvalidArgument, "kind is missing: give RANKING, APPRAISAL_TABLE, YEAR_COMPARISON or FIX_PLAN."), (missing.StatusCode, missing.Status.Detail));
        var field = await Assert.ThrowsAsync<RpcException>(() => ExportFixture.DownloadAsync(fixture.Admin,
            new ExportTableRequest { Kind = ExportKind.Ranking, ScopeCode = ExportFixture.Province, Period = Rpc.Year(2023), FieldCode = "7" }));
        Assert.Equal(StatusCode.InvalidArgument, field.StatusCode);
        Assert.Contains("give one of 1, 2", field.Status.Detail, StringComparison.Ordinal);
    }

    private static readonly XNamespace Style = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
    private static readonly XNamespace Fo = "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0";
    private static readonly XNamespace Table = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
    private static readonly XNamespace Text = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
    private static readonly XNamespace Spreadsheet = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    private static double Centimetres(string length) => length.EndsWith("in", StringComparison.Ordinal)
        ? double.Parse(length[..^2], CultureInfo.InvariantCulture) * 2.54
        : double.Parse(length[..^2], CultureInfo.InvariantCulture);

    private static decimal Figure(string figure) => decimal.Parse(figure, CultureInfo.InvariantCulture);

    private static IEnumerable<ScorecardNode> Flatten(ScorecardNode node) => new[] { node }.Concat(node.Children.SelectMany(Flatten));

    private async Task<Dictionary<string, string>> FieldIndexesAsync(string field) =>
        (await fixture.Admin.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = ExportFixture.Province, Period = Rpc.Year(2023), FieldCode = field }).ResponseAsync)
            .Entries.ToDictionary(e => e.UnitCode, e => e.Index);
}
