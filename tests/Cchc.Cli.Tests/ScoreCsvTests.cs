using System.Text;
using Cchc.Api.V1;
using Cchc.Cli.Scores;

namespace Cchc.Cli.Tests;

public sealed class ScoreCsvTests
{
    private const string Header = "item_code,points,numerator,denominator,count,faults,yes,not_evaluated,evidence,comment";

    [Fact]
    public async Task The_sample_self_assessment_reads_every_item_with_its_value_form()
    {
        var result = await ScoreCsv.ReadFileAsync(Samples.SelfScores, Stage.SelfAssessment, CancellationToken.None);

        Assert.Empty(result.Errors);
        Assert.Equal(68, result.Items.Count);
        var byCode = result.Items.ToDictionary(i => i.ItemCode);
        Assert.Equal(new RatioInput { Numerator = 408, Denominator = 637 }, byCode["3.2.4"].Ratio);
        Assert.Equal(new RatioInput { Numerator = 164, Denominator = 739 }, byCode["3.2.6"].Ratio);
        Assert.Equal(2, byCode["1.6"].Count);
        Assert.Equal(1, byCode["1.7"].Faults);
        Assert.True(byCode["1.1.1"].Yes);
        Assert.False(byCode["1.5.4"].Yes);
        Assert.Equal(ItemScore.ValueOneofCase.Yes, byCode["1.5.4"].ValueCase);
        Assert.Equal("1.4", byCode["7.1.3"].Points);
        Assert.Equal("0.75", byCode["1.4.3"].Points);
        Assert.Equal(["Báo cáo số 31/BC-UBND", "Báo cáo số 58/BC-UBND", "Báo cáo số 112/BC-UBND"], byCode["1.2"].Evidence);
        Assert.Equal("04 nhiệm vụ được giao; 01 nhiệm vụ hoàn thành muộn", byCode["1.7"].Comment);
        Assert.Equal("Mô hình “Thứ Bảy không nghỉ” tại Bộ phận Một cửa", Assert.Single(byCode["1.5.2"].Evidence));
    }

    [Theory]
    [InlineData("\"1,4\"", "1.4")]
    [InlineData("1.4", "1.4")]
    [InlineData("\"0,75\"", "0.75")]
    [InlineData("2", "2")]
    [InlineData("\"2,50\"", "2.50")]
    public void Points_accept_a_decimal_comma_or_dot_and_go_out_with_a_dot(string cell, string expected)
    {
        var result = Parse($"1.4.3,{cell},,,,,,,,");

        Assert.Empty(result.Errors);
        Assert.Equal(expected, Assert.Single(result.Items).Points);
    }

    [Fact]
    public void A_semicolon_separated_file_takes_an_unquoted_decimal_comma()
    {
        var text = "item_code;points;evidence\n7.1.3;1,4;Trang thông tin điện tử xã\n";

        var result = ScoreCsv.Parse(text, Stage.SelfAssessment);

        Assert.Empty(result.Errors);
        Assert.Equal("1.4", Assert.Single(result.Items).Points);
    }

    [Fact]
    public void An_unquoted_decimal_comma_is_reported_with_its_line_item_and_a_hint()
    {
        var result = Parse("1.1.1,,,,,,yes,,,", "7.1.3,1,4,,,,,,,,");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal("7.1.3", error.ItemCode);
        Assert.Contains("11 fields but the header has 10", error.Message, StringComparison.Ordinal);
        Assert.Contains("\"1,4\"", error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Items);
    }

    [Theory]
    [InlineData("1.2,abc,,,,,,,,", "points", "'abc' is not a number of points")]
    [InlineData("1.2,-1,,,,,,,,", "points", "'-1' is not a number of points")]
    [InlineData("1.2,\"1,4,5\",,,,,,,,", "points", "'1,4,5' is not a number of points")]
    [InlineData("3.2.4,,408,,,,,,,", "denominator", "needs both the numerator b and the denominator a")]
    [InlineData("3.2.4,,700,637,,,,,,", "numerator", "the numerator 700 is larger than the denominator 637")]
    [InlineData("3.2.4,,4x,637,,,,,,", "numerator", "'4x' is not a whole number")]
    [InlineData("1.6,,,,2.5,,,,,", "count", "'2.5' is not a count")]
    [InlineData("1.7,,,,,-1,,,,", "faults", "'-1' is not a number of faults")]
    [InlineData("1.1.1,,,,,,maybe,,,", "yes", "'maybe' is not yes or no")]
    [InlineData("1.1.1,,,,,,yes,perhaps,,", "not_evaluated", "'perhaps' is not yes or no")]
    [InlineData("1.1.1,1,,,,,yes,,,", null, "give exactly one value form")]
    [InlineData("1.1.1,,,,,,,,Kế hoạch số 5,", null, "the row has no value")]
    [InlineData("1.1.1,1,,,,,,yes,,", "not_evaluated", "marked not evaluated but also has a value")]
    public void Each_bad_row_is_reported_with_line_item_and_column(string row, string? column, string message)
    {
        var result = Parse("1.1.2,,17,18,,,,,,", row);

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Equal(row.Split(',')[0], error.ItemCode);
        Assert.Equal(column, error.Column);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Empty(result.Items);
    }

    [Fact]
    public void A_bad_item_code_and_a_repeated_item_are_refused()
    {
        var result = Parse("1.2,1,,,,,,,,", "1..2,1,,,,,,,,", "1.2,1,,,,,,,,");

        Assert.Equal(2, result.Errors.Count);
        Assert.Equal((3, "1..2"), (result.Errors[0].Line, result.Errors[0].ItemCode));
        Assert.Contains("is not an item code", result.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal((4, "1.2"), (result.Errors[1].Line, result.Errors[1].ItemCode));
        Assert.Contains("already appears on line 2", result.Errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_bad_row_is_reported_at_once_and_nothing_is_returned_to_send()
    {
        var result = Parse("1.1.1,,,,,,yes,,,", "1.2,x,,,,,,,,", "1.3.1,,,,,,yes,,,", "1.6,,,,two,,,,,");

        Assert.Equal([3, 5], result.Errors.Select(e => e.Line));
        Assert.Equal(["1.2", "1.6"], result.Errors.Select(e => e.ItemCode));
        Assert.False(result.IsValid);
        Assert.Empty(result.Items);
    }

    [Fact]
    public void A_quoted_comment_over_two_lines_keeps_later_line_numbers_right()
    {
        var result = Parse("1.7,,,,,1,,,,\"Nhiệm vụ thứ 3\nhoàn thành muộn\"", "1.6,,,,x,,,,,");

        var error = Assert.Single(result.Errors);
        Assert.Equal(4, error.Line);
        Assert.Equal("1.6", error.ItemCode);
    }

    [Fact]
    public void Header_problems_are_reported_on_line_1()
    {
        var unknown = ScoreCsv.Parse("item_code,pointz\n1.2,1\n", Stage.SelfAssessment);
        var noCode = ScoreCsv.Parse("points,comment\n1,ok\n", Stage.SelfAssessment);
        var empty = ScoreCsv.Parse("", Stage.SelfAssessment);
        var headerOnly = ScoreCsv.Parse(Header + "\n", Stage.SelfAssessment);

        Assert.Equal((1, "pointz"), (Assert.Single(unknown.Errors).Line, unknown.Errors[0].Column));
        Assert.Contains("unknown column 'pointz'", unknown.Errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("no item_code column", Assert.Single(noCode.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("the file is empty", Assert.Single(empty.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("no items", Assert.Single(headerOnly.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unclosed_quote_is_reported_where_it_opens()
    {
        var result = Parse("1.2,1,,,,,,,,ok", "1.3.1,,,,,,yes,,,\"không đóng");

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_line_that_is_not_utf8_is_reported_by_number()
    {
        var good = Encoding.UTF8.GetBytes(Header + "\n1.2,1,,,,,,,,Đúng hạn\n");
        byte[] latin1 = [.. Encoding.ASCII.GetBytes("1.3.1,1,,,,,,,,B"), 0xE1, 0x6F, (byte)'\n'];

        var result = ScoreCsv.Parse([.. good, .. latin1], Stage.SelfAssessment);

        var error = Assert.Single(result.Errors);
        Assert.Equal(3, error.Line);
        Assert.Contains("not UTF-8", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Vietnamese_text_comes_out_exact_in_NFC_with_a_byte_order_mark_ignored()
    {
        var decomposed = "Ủy ban nhân dân xã Quang Khải".Normalize(NormalizationForm.FormD);
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes($"{Header}\n4.2,2,,,,,,,Quy chế làm việc,{decomposed}\n")).ToArray();

        var result = ScoreCsv.Parse(bytes, Stage.SelfAssessment);

        var item = Assert.Single(result.Items);
        Assert.Equal("Ủy ban nhân dân xã Quang Khải", item.Comment);
        Assert.True(item.Comment.IsNormalized(NormalizationForm.FormC));
        Assert.Equal("Quy chế làm việc", Assert.Single(item.Evidence));
    }

    [Fact]
    public void Not_evaluated_items_carry_no_value()
    {
        var result = Parse("3.2.8,,,,,,,yes,,Không phát sinh hồ sơ thanh toán");

        var item = Assert.Single(result.Items);
        Assert.True(item.NotEvaluated);
        Assert.Equal(ItemScore.ValueOneofCase.None, item.ValueCase);
    }

    [Fact]
    public void An_explanation_carries_text_and_evidence_but_no_points()
    {
        var good = ScoreCsv.Parse($"{Header}\n1.7,,,,,,,,Công văn số 12/UBND,Nhiệm vụ hoàn thành đúng hạn theo công văn gia hạn\n", Stage.Explanation);
        var withPoints = ScoreCsv.Parse($"{Header}\n1.7,3,,,,,,,,Đề nghị giữ điểm\n", Stage.Explanation);
        var empty = ScoreCsv.Parse($"{Header}\n1.7,,,,,,,,,\n", Stage.Explanation);

        Assert.Equal("Nhiệm vụ hoàn thành đúng hạn theo công văn gia hạn", Assert.Single(good.Items).Comment);
        Assert.Contains("carries no points", Assert.Single(withPoints.Errors).Message, StringComparison.Ordinal);
        Assert.Contains("needs a comment or evidence", Assert.Single(empty.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_some_may_be_left_out()
    {
        var result = ScoreCsv.Parse("comment,faults,item_code\nChậm 1 nhiệm vụ,1,1.7\n", Stage.AppraisalRound1);

        var item = Assert.Single(result.Items);
        Assert.Equal(("1.7", 1, "Chậm 1 nhiệm vụ"), (item.ItemCode, item.Faults, item.Comment));
    }

    private static ScoreCsvResult Parse(params string[] rows) =>
        ScoreCsv.Parse(Header + "\n" + string.Join("\n", rows) + "\n", Stage.SelfAssessment);
}
