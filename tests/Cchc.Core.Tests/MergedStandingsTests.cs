using Cchc.Core.Comparison;
using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;
using Cchc.Core.Tests.Support;

namespace Cchc.Core.Tests;

/// <summary>
/// The merger rule: a new commune's earlier figure is the equal-weight mean of its full predecessors with a result
/// (its partial ones only when no full one has one), rounded once; ranked among the formed figures of its new scope.
/// Hải Dương's framework totals 100, so a card losing L points has index 100 − L; its field 3 is the 18.5-point item 3.
/// </summary>
public sealed class MergedStandingsTests
{
    private static readonly Period Before = Period.Annual(2024);
    private static readonly Period After = Period.Annual(2025);
    private static readonly Framework OldA = Framework.Create(TestFrameworks.HaiDuong2022Definition() with { Name = "Tỉnh A 2024", Year = 2024 });
    private static readonly Framework OldB = Framework.Create(TestFrameworks.ThaiNguyen2021Definition() with { Name = "Tỉnh B 2024", Year = 2024 });
    private static readonly Framework New = Framework.Create(TestFrameworks.HaiDuong2022Definition() with { Name = "Tỉnh mới 2025", Year = 2025 });

    // Old province A (Hải Dương's framework): index and field 3 (item 3, 18.5 points) of each old commune.
    private static readonly ScopeStandings ScopeA = new(OldA, Before,
    [
        Card(OldA, "10001", ("3", 10m)),      // 90.00; field 3 8.5/18.5 = 45.95
        Card(OldA, "10002", ("3", 18.5m)),    // 81.50; field 3 0.00
        Card(OldA, "10003", ("3", 3.5m)),     // 96.50; field 3 15/18.5 = 81.08
        Card(OldA, "10004"),                  // 100.00; field 3 100.00
        Card(OldA, "10005", ("3", 15m)),      // 85.00; field 3 3.5/18.5 = 18.92
        Card(OldA, "10006"),                  // no scores entered: not ranked
        Card(OldA, "10007", ("5", 9m)),       // 91.00; field 3 100.00
        Card(OldA, "10008", ("9", 7m)),       // 93.00 (survey field 9: 7 of 14); field 3 100.00
    ], new Dictionary<string, string> { ["10006"] = "no scores entered" });

    // Old province B (Thái Nguyên's framework, fields 1 to 8 only).
    private static readonly ScopeStandings ScopeB = new(OldB, Before,
    [
        Card(OldB, "20001", ("3.2.4", 4m)),   // 96.00; field 3 16/20 = 80.00
        Card(OldB, "20002", ("3.2.4", 10m)),  // 90.00
    ]);

    // Today's province: N1..N5 (N4's only predecessor has no result).
    private static readonly ScopeStandings Later = new(New, After,
    [
        Card(New, "30001", ("3", 0m)),  // 100.00, 1st
        Card(New, "30002", ("3", 5m)),  // 95.00, 2nd
        Card(New, "30003", ("3", 10m)), // 90.00, 3rd
        Card(New, "30004", ("3", 12m)), // 88.00, 4th
        Card(New, "30005", ("3", 15m)), // 85.00, 5th
    ]);

    private static readonly MergedStandings Merged = MergedStandings.Form(Later, Before, [ScopeA, ScopeB], Map());

    [Fact]
    public void Several_full_predecessors_give_their_mean_and_a_partial_one_is_left_out_while_a_full_one_has_a_result()
    {
        var n1 = Merged.Compare("30001");

        Assert.Equal(OfficialFigure.Round((90.00m + 81.50m + 96.50m) / 3), n1.Earlier!.Index); // 268 / 3 = 89.333…
        Assert.Equal(89.33m, n1.Earlier.Index);
        Assert.Equal("Tốt", n1.Earlier.ClassName);
        Assert.Equal([("10001", true), ("10002", true), ("10003", true), ("10004", false)],
            n1.Predecessors.Select(p => (p.Predecessor.UnitCode, p.Contributed)));
        Assert.Equal(100.00m, n1.Predecessors.Single(p => p.Predecessor.UnitCode == "10004").Earlier!.Index); // listed with its own figures
        Assert.Equal(100.00m - 89.33m, n1.IndexChange);
        Assert.Equal(new ClassChange("Tốt", "Xuất sắc", 1), n1.ClassChange);
    }

    [Fact]
    public void Partial_predecessors_are_used_when_no_full_one_has_a_result()
    {
        var n2 = Merged.Compare("30002");

        Assert.Equal((100.00m + 85.00m) / 2, n2.Earlier!.Index); // 92.50
        Assert.Equal("Xuất sắc", n2.Earlier.ClassName);
        Assert.Equal([("10004", true), ("10005", true), ("10006", false)], n2.Predecessors.Select(p => (p.Predecessor.UnitCode, p.Contributed)));
        var unscored = n2.Predecessors.Single(p => p.Predecessor.UnitCode == "10006").Earlier!;
        Assert.Equal((null, null, null), (unscored.Index, unscored.ClassName, unscored.Rank)); // listed apart: its empty card's 0.00 is no result
    }

    [Fact]
    public void A_single_predecessor_is_one_contributor_and_a_unit_without_any_result_has_no_earlier_figures()
    {
        var n3 = Merged.Compare("30003");
        var n4 = Merged.Compare("30004");

        Assert.Equal(91.00m, n3.Earlier!.Index);
        Assert.Null(n4.Earlier);
        Assert.Null(n4.RankChange);
        Assert.Null(Merged.IndexOf("30004"));
        Assert.All(n4.Fields, f => Assert.Null(f.EarlierIndex));
    }

    [Fact]
    public void The_earlier_rank_is_the_place_among_the_formed_figures_of_the_new_scope()
    {
        // Formed: N5 (93.00 + 96.00) / 2 = 94.50, N2 92.50, N3 91.00, N1 89.33; N4 has none, so 4 units are ranked.
        Assert.Equal(94.50m, Merged.IndexOf("30005"));
        var ranks = new[] { "30005", "30002", "30003", "30001" }.Select(c => Merged.Compare(c)).ToList();

        Assert.Equal([1, 2, 3, 4], ranks.Select(r => r.Earlier!.Rank!.CompetitionRank));
        Assert.All(ranks, r => Assert.Equal(4, r.Earlier!.Rank!.UnitCount));
        Assert.Equal(["giảm 4 bậc", "giữ nguyên", "giữ nguyên", "tăng 3 bậc"], ranks.Select(r => r.RankChange!.Phrase)); // to 5th, 2nd, 3rd, 1st

        // Each predecessor keeps the rank it held in its own old province: A has 7 ranked, B 2.
        var n1 = Merged.Compare("30001");
        Assert.Equal([(5, 7), (7, 7), (2, 7), (1, 7)], n1.Predecessors.Select(p => (p.Earlier!.Rank!.CompetitionRank, p.Earlier.Rank.UnitCount)));
        Assert.Equal((1, 2), Merged.Compare("30005").Predecessors.Select(p => p.Earlier!.Rank!).Where(r => r.UnitCount == 2).Select(r => (r.CompetitionRank, r.UnitCount)).Single());
    }

    [Fact]
    public void Fields_are_formed_the_same_way_over_the_contributors_whose_framework_has_them()
    {
        // Field 3: N3 100.00; N5 (100.00 + 80.00) / 2 = 90.00; N2 (100.00 + 18.92) / 2 = 59.46; N1 (45.95 + 0.00 + 81.08) / 3 = 42.343…
        var field3 = new[] { "30003", "30005", "30002", "30001" }.Select(c => Merged.Compare(c).Fields.Single(f => f.Code == "3")).ToList();
        Assert.Equal([100.00m, 90.00m, 59.46m, OfficialFigure.Round((45.95m + 0.00m + 81.08m) / 3)], field3.Select(f => f.EarlierIndex));
        Assert.Equal(42.34m, field3[3].EarlierIndex);
        Assert.Equal([1, 2, 3, 4], field3.Select(f => f.EarlierRank!.CompetitionRank));
        Assert.All(field3, f => Assert.Equal(4, f.EarlierRank!.UnitCount));

        // Field 9 (survey) is in A's framework only: N5's is its A predecessor's alone, 7 of 14.
        var n5Field9 = Merged.Compare("30005").Fields.Single(f => f.Code == "9");
        Assert.Equal(50.00m, n5Field9.EarlierIndex);
        Assert.Equal(Merged.ForField("9").Find("30005")!.Rank, n5Field9.EarlierRank);
        Assert.Equal("Cải cách thủ tục hành chính", field3[0].EarlierName);
    }

    [Fact]
    public void The_whole_scope_comes_in_the_later_ranking_order()
    {
        Assert.Equal(["30001", "30002", "30003", "30004", "30005"], Merged.CompareScope().Select(c => c.UnitCode));
    }

    [Fact]
    public void Earlier_scopes_must_hold_the_earlier_period()
    {
        var error = Assert.Throws<ArgumentException>(() => MergedStandings.Form(Later, Period.Annual(2023), [ScopeA], Map()));

        Assert.Contains("2024", error.Message, StringComparison.Ordinal);
    }

    private static PredecessorMap Map()
    {
        var map = new PredecessorMap();
        map.Add("30001", [Full("10001"), Full("10002"), Full("10003"), Partial("10004")]);
        map.Add("30002", [Partial("10004"), Partial("10005"), Full("10006")]);
        map.Add("30003", [Full("10007")]);
        map.Add("30004", [Full("10006")]);
        map.Add("30005", [Full("10008"), Full("20001")]);
        return map;
    }

    private static Predecessor Full(string code) => new(code, $"Xã {code}");

    private static Predecessor Partial(string code) => new(code, $"Xã {code}", Whole: false);

    /// <summary>Every leaf at full points except the listed ones, which lose the given points (a survey leaf gets max − lost survey points).</summary>
    private static ScorecardResult Card(Framework framework, string code, params (string Leaf, decimal Lost)[] losses)
    {
        var period = framework == New ? After : Before;
        var overrides = losses.Select(l => (l.Leaf, framework.IsSurveyBased(l.Leaf)
            ? new ItemEntry { SurveyPoints = framework.Node(l.Leaf).Max - l.Lost }
            : Cards.Appraised(framework.Node(l.Leaf).Max - l.Lost))).ToArray();
        return ScorecardCalculator.Compute(framework, Cards.Full(framework, code, $"Xã {code}", period, overrides));
    }
}
