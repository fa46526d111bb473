using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;
using Cchc.Core.Tests.Support;
using static Cchc.Core.Tests.Support.Cards;

namespace Cchc.Core.Tests;

public sealed class ScorecardTests
{
    private static readonly Framework ThaiNguyen = TestFrameworks.ThaiNguyen2021();
    private static readonly Framework HaiDuong = TestFrameworks.HaiDuong2022();

    [Fact]
    public void Ratio_items_of_the_reports_score_and_add_up_on_a_Thai_Nguyen_card()
    {
        var card = Full(
            ThaiNguyen,
            "05914",
            "Xã Đồng Liên",
            Period.Annual(2021),
            ("3.2.1", new ItemEntry { Appraisal1 = new RatioInput(408, 637) }),
            ("3.2.2", new ItemEntry { Appraisal1 = new RatioInput(11, 16) }),
            ("3.2.3", new ItemEntry { Appraisal1 = new RatioInput(164, 739) }));

        var result = ScorecardCalculator.Compute(ThaiNguyen, card);

        Assert.Equal([0.64m, 0.69m, 0m], new[] { "3.2.1", "3.2.2", "3.2.3" }.Select(c => result.Item(c).Points));
        Assert.Equal(15.33m, result.Node("3.2").Achieved);
        Assert.Equal(1.67m, result.Node("3.2").Lost);
        Assert.Equal(98.33m, result.Index);
        Assert.Equal("Xuất sắc", result.ClassName);
        Assert.False(result.IsProvisional);
    }

    [Fact]
    public void Counts_and_faults_of_the_reports_give_the_Hai_Duong_field_1_component_index()
    {
        var card = Full(
            HaiDuong,
            "11116",
            "Xã Quang Khải",
            Year2022,
            ("1.6", new ItemEntry { Appraisal1 = new CountInput(2) }),
            ("1.7", new ItemEntry { Appraisal1 = new FaultsInput(1, OutOf: 4) }));

        var result = ScorecardCalculator.Compute(HaiDuong, card);

        Assert.Equal(0.4m, result.Item("1.6").Points);
        Assert.Equal(2.5m, result.Item("1.7").Points);
        Assert.Equal(13.9m, result.Node("1").Achieved);
        Assert.Equal(92.67m, result.Node("1").Index); // 13.9 / 15 = 92.666…
        Assert.Equal(98.9m, result.Index);
    }

    public static TheoryData<string, ItemEntry?, ItemStatus, decimal?> Stages => new()
    {
        { "self only", new ItemEntry { Self = new PointsInput(1.5m) }, ItemStatus.Provisional, 1.5m },
        { "round 1 over self", new ItemEntry { Self = new PointsInput(2m), Appraisal1 = new PointsInput(1m) }, ItemStatus.Appraised, 1m },
        {
            "round 2 over round 1",
            new ItemEntry { Self = new PointsInput(2m), Appraisal1 = new PointsInput(1m), Explanation = new("Đã bổ sung kế hoạch", ["KH-12.pdf"]), Appraisal2 = new PointsInput(1.75m) },
            ItemStatus.Appraised,
            1.75m
        },
        { "explanation alone sets no points", new ItemEntry { Explanation = new("Giải trình") }, ItemStatus.Missing, 0m },
        { "no entry scores 0 of max", null, ItemStatus.Missing, 0m },
        { "marked not evaluated", new ItemEntry { Self = new PointsInput(2m), NotEvaluated = true }, ItemStatus.NotEvaluated, null },
    };

    [Theory]
    [MemberData(nameof(Stages))]
    public void The_effective_score_is_the_latest_appraisal_else_the_provisional_self_score(string because, ItemEntry? entry, ItemStatus status, decimal? points)
    {
        var card = Full(HaiDuong, "11116", "Xã Quang Khải");
        card = entry is null ? card with { Items = card.Items.Where(i => i.Key != "1.3").ToDictionary() } : card.With("1.3", entry);

        var result = ScorecardCalculator.Compute(HaiDuong, card);

        var item = result.Item("1.3");
        Assert.True(status == item.Status, because);
        Assert.Equal(points, item.Points);
        Assert.Equal(status == ItemStatus.Provisional, result.IsProvisional);
        Assert.Equal(status == ItemStatus.NotEvaluated ? 98m : 100m, result.Total.EvaluatedMax);
    }

    [Fact]
    public void Survey_items_take_the_survey_points_and_without_a_survey_leave_the_evaluation()
    {
        var card = Full(HaiDuong, "11116", "Xã Quang Khải", Year2022, ("9", new ItemEntry { SurveyPoints = 12.6m }), ("10", new ItemEntry()));

        var result = ScorecardCalculator.Compute(HaiDuong, card);

        Assert.Equal((ItemStatus.Survey, (decimal?)12.6m), (result.Item("9").Status, result.Item("9").Points));
        Assert.Equal(ItemStatus.NotEvaluated, result.Item("10").Status);
        Assert.Equal(90m, result.Total.EvaluatedMax);
        Assert.Equal(88.6m, result.Total.Achieved);
        Assert.Equal(98.44m, result.Index); // 88.6 / 90 = 98.444…
    }

    [Fact]
    public void The_index_of_a_half_year_card_uses_only_the_evaluated_maximum()
    {
        // Six months in: fields 4 (20) and 8 (16) are not evaluated yet; 64 points are, and 60 were achieved.
        var notYet = new ItemEntry { NotEvaluated = true };
        var card = Full(
            ThaiNguyen,
            "05914",
            "Xã Đồng Liên",
            Period.Half(2021, 1),
            ("4.1", notYet),
            ("4.2", notYet),
            ("4.3", notYet),
            ("8", notYet),
            ("3.2.4", Appraised(10m)));

        var result = ScorecardCalculator.Compute(ThaiNguyen, card);

        Assert.Equal(100m, result.Total.Max);
        Assert.Equal(64m, result.Total.EvaluatedMax);
        Assert.Equal(60m, result.Total.Achieved);
        Assert.Equal(93.75m, result.Index);
        Assert.Null(result.Node("4").Index);
        Assert.Equal(0m, result.Node("4").Lost);
        Assert.Equal(4m, result.Total.Lost);
    }

    [Fact]
    public void The_index_is_rounded_once_from_exact_sums_not_from_rounded_parts()
    {
        // Three one-point fields at 0.5 each: each field is 16.666… of the index, 16.67 rounded, and three
        // rounded parts make 50.01; the index is 1.5 / 3 = 50.00.
        var framework = TestFrameworks.ThreeThirds();
        var card = Full(framework, "00001", "Xã A", Year2022, ("1", Appraised(0.5m)), ("2", Appraised(0.5m)), ("3", Appraised(0.5m)));

        var result = ScorecardCalculator.Compute(framework, card);

        var roundedParts = result.Fields.Sum(f => OfficialFigure.Round(f.Achieved / result.Total.EvaluatedMax * 100m));
        Assert.Equal(50.01m, roundedParts);
        Assert.Equal(50.00m, result.Index);
        Assert.All(result.Fields, f => Assert.Equal(50m, f.Index));
    }

    [Fact]
    public void Two_thirds_is_66_67_rounded_from_the_exact_ratio()
    {
        var framework = TestFrameworks.ThreeThirds();
        var card = Full(framework, "00001", "Xã A", Year2022, ("3", Appraised(0m)));

        var result = ScorecardCalculator.Compute(framework, card);

        Assert.Equal(66.67m, result.Index); // not 67.00 (ratio 0.67 × 100) nor 66.66 (truncated)
    }

    [Fact]
    public void Ratio_points_are_official_at_the_item_so_the_card_adds_up_as_the_table_reads()
    {
        // Consequence of rounding item points: three items of 1/3 are 0.33 each, the card shows 0.99 and the
        // index is 33.00; with exact item points it would have been 33.33.
        var framework = TestFrameworks.ThreeThirds();
        var third = new ItemEntry { Appraisal1 = new RatioInput(1, 3) };
        var card = Full(framework, "00001", "Xã A", Year2022, ("1", Appraised(0.33m)), ("2", third), ("3", third));

        var result = ScorecardCalculator.Compute(framework, card);

        Assert.Equal(0.99m, result.Items.Sum(i => i.Points));
        Assert.Equal(0.99m, result.Total.Achieved);
        Assert.Equal(33.00m, result.Index);
    }

    [Fact]
    public void Raw_statistics_at_each_stage_give_the_appraisal_deduction()
    {
        var card = Full(
            ThaiNguyen,
            "05914",
            "Xã Đồng Liên",
            Period.Annual(2021),
            ("3.2.1", new ItemEntry { Self = new RatioInput(500, 637), Appraisal1 = new RatioInput(408, 637), CouncilComment = "Số liệu không khớp phần mềm một cửa" }),
            ("1.1", new ItemEntry { Self = new YesNoInput(true), Appraisal1 = new YesNoInput(false) }));

        var result = ScorecardCalculator.Compute(ThaiNguyen, card);

        Assert.Equal((0.78m, 0.64m, 0.14m), (result.Item("3.2.1").SelfPoints, result.Item("3.2.1").AppraisedPoints, result.Item("3.2.1").AppraisalGap));
        Assert.Equal(0.14m, result.Node("3.2").AppraisalDeduction);
        Assert.Equal(3m, result.Node("1").AppraisalDeduction);
        Assert.Equal(3.14m, result.Total.AppraisalDeduction);
        Assert.Equal("Số liệu không khớp phần mềm một cửa", result.Item("3.2.1").CouncilComment);
    }

    [Fact]
    public void An_explanation_is_kept_with_its_evidence_but_round_1_stands_until_round_2()
    {
        var explanation = new Explanation("Xã đã ban hành kế hoạch ngày 15/01", ["KH-01.pdf"]);
        var card = Full(HaiDuong, "11116", "Xã Quang Khải", Year2022, ("1.1", new ItemEntry { Self = new YesNoInput(true), Appraisal1 = new YesNoInput(false), Explanation = explanation }));

        var item = ScorecardCalculator.Compute(HaiDuong, card).Item("1.1");

        Assert.Equal(0m, item.Points);
        Assert.Equal(explanation, item.Explanation);
        Assert.Equal(["KH-01.pdf"], item.Explanation!.RevisedEvidence);
    }

    [Theory]
    [InlineData(5, 3, 1, 95.5, 1)] // 95 + 3 × 0.5 − 1
    [InlineData(0, 2, 0, 100, 0)] // 100 + 1 is kept at the evaluated maximum
    public void Bonus_and_penalty_points_move_the_achieved_points_outside_the_total(decimal lose, decimal bonusCount, decimal penalty, decimal index, decimal penaltyLost)
    {
        var framework = TestFrameworks.HaiDuong2022WithBonusAndPenalty();
        var card = Full(
            framework,
            "11116",
            "Xã Quang Khải",
            Year2022,
            ("3", Appraised(18.5m - lose)),
            ("11", new ItemEntry { Appraisal1 = new CountInput(bonusCount) }),
            ("12", new ItemEntry { Appraisal1 = new PointsInput(penalty) }));

        var result = ScorecardCalculator.Compute(framework, card);

        Assert.Equal(index, result.Index);
        Assert.Equal(100m, result.Total.EvaluatedMax);
        Assert.Equal(penaltyLost, result.Item("12").Lost);
        Assert.Equal(0m, result.Item("11").Lost);
    }

    [Theory]
    [InlineData(100, "Xuất sắc")]
    [InlineData(90, "Xuất sắc")]
    [InlineData(89.99, "Tốt")]
    [InlineData(80, "Tốt")]
    [InlineData(70, "Khá")]
    [InlineData(69.99, "Trung bình")]
    [InlineData(50, "Trung bình")]
    [InlineData(49.99, "Yếu")]
    [InlineData(0, "Yếu")]
    public void Class_comes_from_the_bands(decimal index, string expected) => Assert.Equal(expected, HaiDuong.ClassOf(index));

    [Fact]
    public void Every_invalid_entry_of_a_card_is_reported_at_once_naming_its_item()
    {
        var card = Full(
            HaiDuong,
            "11116",
            "Xã Quang Khải",
            Year2022,
            ("1.1", Appraised(2.5m)),
            ("7.1.1", new ItemEntry { Self = new RatioInput(740, 739) }),
            ("1.6", new ItemEntry { Appraisal2 = new CountInput(-1) }),
            ("2", new ItemEntry { SurveyPoints = 3m }),
            ("9", new ItemEntry { SurveyPoints = 15m }),
            ("7.1", Appraised(1m)),
            ("99", Appraised(1m)));

        var error = Assert.Throws<ScoreInputException>(() => ScorecardCalculator.Compute(HaiDuong, card));

        Assert.Equal(["1.1", "1.6", "2", "7.1", "7.1.1", "9", "99"], error.Errors.Select(e => e.ItemCode!).Order(ItemCodeComparer.Instance));
        Assert.All(error.Errors, e => Assert.Contains($"Item {e.ItemCode}", e.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void A_card_for_a_period_the_framework_does_not_serve_is_refused()
    {
        var annualOnly = Framework.Create(TestFrameworks.HaiDuong2022Definition() with { Periods = [PeriodKind.Year] });
        var card = Full(annualOnly, "11116", "Xã Quang Khải", Period.Quarter(2022, 3));

        var error = Assert.Throws<ScoreInputException>(() => ScorecardCalculator.Compute(annualOnly, card));

        Assert.Contains("2022-Q3", error.Message, StringComparison.Ordinal);
    }
}
