using Cchc.Core.Reliability;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;
using Cchc.Core.Tests.Support;

namespace Cchc.Core.Tests;

public sealed class ReliabilityTests
{
    private static readonly Cchc.Core.Frameworks.Framework ThaiNguyen = TestFrameworks.ThaiNguyen2021();
    private static readonly Cchc.Core.Frameworks.Framework WithPenalty = TestFrameworks.HaiDuong2022WithBonusAndPenalty();

    [Fact]
    public void Only_items_with_a_claim_and_an_appraisal_are_compared_and_round_2_replaces_round_1()
    {
        var card = Card(ThaiNguyen, "05914", "Xã Đồng Liên",
            ("3.2.4", new ItemEntry { Self = new PointsInput(14m), Appraisal1 = new PointsInput(10m) }),
            ("4.1", new ItemEntry { Self = new PointsInput(3m), Appraisal1 = new PointsInput(2m), Appraisal2 = new PointsInput(4m) }),
            ("3.2.1", new ItemEntry { Self = new RatioInput(408, 637), Appraisal1 = new RatioInput(400, 637) }),
            ("5", new ItemEntry { Self = new PointsInput(9m) }),
            ("6", new ItemEntry { Appraisal1 = new PointsInput(4m) }),
            ("3.2.2", new ItemEntry { Self = new RatioInput(0, 0), Appraisal1 = new RatioInput(0, 0) }));

        var reliability = ReliabilityAnalyzer.Analyze(ScorecardCalculator.Compute(ThaiNguyen, card));

        // 14 + 3 + 0.64 claimed against 10 + 4 + 0.63; 3.2.2 (0/0) is not applicable, 5 awaits appraisal, 6 has no claim.
        Assert.Equal((17.64m, 14.63m, 3.01m), (reliability.SelfTotal, reliability.AppraisedTotal, reliability.Gap));
        Assert.Equal((3, 2, 1, 1, 1), (reliability.ItemsCompared, reliability.ItemsOver, reliability.ItemsUnder, reliability.ItemsAwaitingAppraisal, reliability.ItemsAppraisedWithoutSelf));
        Assert.Null(reliability.NotComparedReason);
    }

    [Fact]
    public void A_penalty_counts_against_the_total_and_a_smaller_penalty_claimed_is_an_item_over()
    {
        var card = Card(WithPenalty, "11116", "Xã Quang Khải",
            ("12", new ItemEntry { Self = new PointsInput(0.5m), Appraisal1 = new PointsInput(2m) }),
            ("11", new ItemEntry { Self = new PointsInput(1m), Appraisal1 = new PointsInput(0.5m) }));

        var reliability = ReliabilityAnalyzer.Analyze(ScorecardCalculator.Compute(WithPenalty, card));

        Assert.Equal((0.5m, -1.5m, 2m, 2), (reliability.SelfTotal, reliability.AppraisedTotal, reliability.Gap, reliability.ItemsOver));
    }

    [Fact]
    public void A_field_restricts_the_figures_and_a_commune_with_nothing_compared_says_why()
    {
        var result = ScorecardCalculator.Compute(ThaiNguyen, Card(ThaiNguyen, "05914", "Xã Đồng Liên",
            ("3.1", new ItemEntry { Self = new PointsInput(3m), Appraisal1 = new PointsInput(2.5m) }),
            ("4.2", new ItemEntry { Self = new PointsInput(8m) })));

        var field3 = ReliabilityAnalyzer.Analyze(result, "3");
        var field4 = ReliabilityAnalyzer.Analyze(result, "4");
        var field5 = ReliabilityAnalyzer.Analyze(result, "5");

        Assert.Equal((3m, 2.5m, 1), (field3.SelfTotal, field3.AppraisedTotal, field3.ItemsCompared));
        Assert.Equal("1 item self-assessed in field 4, none appraised yet", field4.NotComparedReason);
        Assert.Equal("no scores entered in field 5", field5.NotComparedReason);
    }

    [Fact]
    public void The_report_orders_by_the_key_then_by_Vietnamese_name_then_code_and_lists_the_others_apart()
    {
        CommuneReliability Commune(string code, string name, decimal self, decimal appraised, int over, string? reason = null) =>
            new(code, name, self, appraised, reason is null ? 1 : 0, over, 0, 0, 0, reason);
        var communes = new[]
        {
            Commune("00003", "Xã Quang Khải", 10m, 9m, 1),
            Commune("00002", "Xã Đại Sơn", 10m, 9m, 2),
            Commune("00001", "Xã Dân Chủ", 5m, 5m, 0),
            Commune("00004", "Xã An Thanh", 0m, 0m, 0, "no scores entered"),
        };

        var byGap = ReliabilityReport.Of(communes, ReliabilitySort.Gap, descending: true);
        var byName = ReliabilityReport.Of(communes, ReliabilitySort.Name, descending: false);
        var byOverAscending = ReliabilityReport.Of(communes, ReliabilitySort.ItemsOver, descending: false);

        Assert.Equal(["00002", "00003", "00001"], byGap.Compared.Select(c => c.UnitCode));
        Assert.Equal(["00001", "00002", "00003"], byName.Compared.Select(c => c.UnitCode));
        Assert.Equal(["00001", "00003", "00002"], byOverAscending.Compared.Select(c => c.UnitCode));
        Assert.Equal(["00004"], byGap.NotCompared.Select(c => c.UnitCode));
        Assert.Equal((25m, 23m, 2m, 3), (byGap.SelfTotal, byGap.AppraisedTotal, byGap.Gap, byGap.ItemsOver));
    }

    private static Scorecard Card(Cchc.Core.Frameworks.Framework framework, string code, string name, params (string Code, ItemEntry Entry)[] items) =>
        new(code, name, Period.Annual(framework.Year), items.ToDictionary(i => i.Code, i => i.Entry, StringComparer.Ordinal));
}
