using Cchc.Core.LostPoints;
using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;
using Cchc.Core.Tests.Support;
using static Cchc.Core.Tests.Support.Cards;

namespace Cchc.Core.Tests;

public sealed class LostPointTests
{
    private static readonly Cchc.Core.Frameworks.Framework ThaiNguyen = TestFrameworks.ThaiNguyen2021();
    private static readonly Period Year2021 = Period.Annual(2021);

    // Xã Đồng Liên loses 4 (3.2.4), 1 (3.2.3), 0.5 (1.2) and 0.36 (3.2.1); on 4.1 the council gave more than claimed.
    private static readonly Scorecard DongLien = Full(
        ThaiNguyen,
        "05914",
        "Xã Đồng Liên",
        Year2021,
        ("3.2.4", new ItemEntry { Self = new PointsInput(14m), Appraisal1 = new PointsInput(10m), CouncilComment = "Trễ hạn 12 hồ sơ" }),
        ("3.2.3", new ItemEntry { Self = new RatioInput(164, 739), Appraisal1 = new RatioInput(164, 739), CouncilComment = "Tỷ lệ 0,22 < 0,7" }),
        ("1.2", new ItemEntry { Appraisal1 = new FaultsInput(1, OutOf: 4) }),
        ("3.2.1", new ItemEntry { Self = new RatioInput(408, 637), Appraisal1 = new RatioInput(408, 637) }),
        ("4.1", new ItemEntry { Self = new PointsInput(3m), Appraisal1 = new PointsInput(4m) }));

    [Fact]
    public void Items_are_listed_by_points_lost_with_the_gap_and_the_council_comment()
    {
        var result = ScorecardCalculator.Compute(ThaiNguyen, DongLien);

        var lost = LostPointAnalyzer.Analyze(result);

        Assert.Equal(["3.2.4", "3.2.3", "1.2", "3.2.1", "4.1"], lost.Select(i => i.Code));
        Assert.Equal([4m, 1m, 0.5m, 0.36m, 0m], lost.Select(i => i.Lost));
        Assert.Equal([4m, 0m, null, 0m, -1m], lost.Select(i => i.AppraisalGap));
        Assert.Equal("Trễ hạn 12 hồ sơ", lost[0].CouncilComment);
        Assert.Equal(lost.Sum(i => i.Lost), result.Total.Lost);
    }

    [Fact]
    public void Equal_losses_are_ordered_by_gap_then_by_code()
    {
        var card = Full(
            ThaiNguyen,
            "05914",
            "Xã Đồng Liên",
            Year2021,
            ("4.3", Appraised(7m)),
            ("4.2", new ItemEntry { Self = new PointsInput(8m), Appraisal1 = new PointsInput(7m) }),
            ("2", Appraised(6m)));

        var lost = LostPointAnalyzer.Analyze(ScorecardCalculator.Compute(ThaiNguyen, card));

        Assert.Equal(["4.2", "2", "4.3"], lost.Select(i => i.Code));
    }

    [Fact]
    public void What_if_the_chosen_items_were_at_full_points_gives_the_new_index_and_rank()
    {
        var scope = new[] { 99m, 97m, 96m, 95m, 93m }.Select((index, i) => new RankCandidate($"0592{i}", $"Xã {i}", index)).ToList();

        var whatIf = WhatIfAnalyzer.AtFullPoints(ThaiNguyen, DongLien, ["3.2.4", "3.2.3"], scope);

        Assert.Equal((94.14m, 5), (whatIf.CurrentIndex, whatIf.CurrentRank!.CompetitionRank));
        Assert.Equal((99.14m, 1), (whatIf.NewIndex, whatIf.NewRank!.CompetitionRank));
        Assert.Equal(5m, whatIf.PointsGained);
        Assert.Equal("tăng 4 bậc", whatIf.RankChange!.Phrase);
        Assert.Equal(6, whatIf.NewRank.UnitCount);
    }

    [Fact]
    public void What_if_on_a_criterion_puts_every_leaf_under_it_at_full_points_and_replaces_the_unit_in_the_scope()
    {
        var scope = new[] { new RankCandidate("05914", "Xã Đồng Liên", 50m), new RankCandidate("05915", "Xã Khác", 99.5m) };

        var whatIf = WhatIfAnalyzer.AtFullPoints(ThaiNguyen, DongLien, ["3.2"], scope);

        Assert.Equal(99.50m, whatIf.NewIndex);
        Assert.Equal(new RankAnswer(1, 1, 1, 2, 2), whatIf.NewRank);
        Assert.Equal(5.36m, whatIf.PointsGained);
    }

    [Fact]
    public void What_if_brings_an_item_not_evaluated_into_the_evaluation()
    {
        var card = DongLien.With("8", new ItemEntry { NotEvaluated = true });

        var whatIf = WhatIfAnalyzer.AtFullPoints(ThaiNguyen, card, ["8"], []);

        Assert.Equal(OfficialFigure.Round(78.14m / 84m * 100m), whatIf.CurrentIndex);
        Assert.Equal(94.14m, whatIf.NewIndex);
    }

    [Fact]
    public void What_if_refuses_an_unknown_item_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => WhatIfAnalyzer.AtFullPoints(ThaiNguyen, DongLien, ["3.9"], []));

        Assert.Contains("3.9", error.Message, StringComparison.Ordinal);
    }
}
