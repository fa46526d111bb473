using Cchc.Core.Comparison;
using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;
using Cchc.Core.Tests.Support;

namespace Cchc.Core.Tests;

public sealed class ComparisonTests
{
    private static readonly Framework Framework2021 = Framework.Create(TestFrameworks.HaiDuong2022Definition() with { Name = "Hải Dương 2021", Year = 2021 });
    private static readonly Framework Framework2022 = TestFrameworks.HaiDuong2022();

    // 12 communes; in 2021 commune k loses 1.5 × k points on item 3, so it ranks k + 1.
    private static readonly string[] Codes = [.. Enumerable.Range(0, 12).Select(k => $"111{k:00}")];

    // The 2022 order: 11107 climbs from 8th to 3rd, 11101 falls from 2nd to 9th, 11100 stays 1st.
    private static readonly string[] Order2022 = ["11100", "11105", "11107", "11102", "11103", "11104", "11106", "11108", "11101", "11109", "11110", "11111"];

    private static ScopeStandings Scope(Framework framework, Period period, IReadOnlyList<string> order) =>
        new(framework, period, order.Select((code, k) => Cards.Losing(framework, "3", code, $"Xã {code}", 1.5m * k, period)));

    private static readonly ScopeStandings Earlier = Scope(Framework2021, Period.Annual(2021), Codes);
    private static readonly ScopeStandings Later = Scope(Framework2022, Period.Annual(2022), Order2022);

    [Theory]
    [InlineData("11107", 8, 3, 5, "tăng 5 bậc", 7.5)]
    [InlineData("11101", 2, 9, -7, "giảm 7 bậc", -10.5)]
    [InlineData("11100", 1, 1, 0, "giữ nguyên", 0)]
    public void Rank_change_in_places_with_its_Vietnamese_phrase(string code, int from, int to, int places, string phrase, decimal indexChange)
    {
        var comparison = PeriodComparer.CompareUnit(Earlier, Later, code);

        Assert.Equal(new RankChange(from, to), comparison.RankChange);
        Assert.Equal(places, comparison.RankChange!.Places);
        Assert.Equal(phrase, comparison.RankChange.Phrase);
        Assert.Equal(indexChange, comparison.IndexChange);
    }

    [Fact]
    public void Class_changes_are_counted_in_bands()
    {
        var up = PeriodComparer.CompareUnit(Earlier, Later, "11107"); // 89.5 → 97
        var down = PeriodComparer.CompareUnit(Earlier, Later, "11101"); // 98.5 → 88

        Assert.Equal(new ClassChange("Tốt", "Xuất sắc", 1), up.ClassChange);
        Assert.Equal(new ClassChange("Xuất sắc", "Tốt", -1), down.ClassChange);
    }

    [Fact]
    public void Fields_are_compared_one_by_one()
    {
        var comparison = PeriodComparer.CompareUnit(Earlier, Later, "11107");

        Assert.Equal(Framework2022.Fields.Select(f => f.Code), comparison.Fields.Select(f => f.Code));
        var field3 = comparison.Fields.Single(f => f.Code == "3");
        Assert.Equal((43.24m, 83.78m), (field3.EarlierIndex, field3.LaterIndex)); // 8/18.5 and 15.5/18.5
        Assert.Equal(40.54m, field3.IndexChange);
        Assert.Equal("tăng 5 bậc", field3.RankChange!.Phrase);
        var field1 = comparison.Fields.Single(f => f.Code == "1");
        Assert.Equal("giữ nguyên", field1.RankChange!.Phrase);
        Assert.Equal(12, field1.LaterRank!.GroupSize);
    }

    [Fact]
    public void A_whole_scope_compares_as_a_table_in_the_later_ranking_order()
    {
        var table = PeriodComparer.CompareScope(Earlier, Later);

        Assert.Equal(Order2022, table.Select(r => r.UnitCode));
        Assert.Equal([0, 4, 5, -1, -1, -1, 0, 1, -7, 0, 0, 0], table.Select(r => r.RankChange!.Places));
    }

    [Fact]
    public void A_new_unit_without_earlier_figures_has_no_change()
    {
        var period = Period.Annual(2025);
        var merged = new ScopeStandings(Framework2022, period, [Cards.Losing(Framework2022, "3", "25009", "Xã Mới", 0m, period)]);

        var comparison = PeriodComparer.CompareUnit(Earlier, merged, "25009");

        Assert.Null(comparison.Earlier);
        Assert.Null(comparison.RankChange);
        Assert.Null(comparison.IndexChange);
        Assert.All(comparison.Fields, f => Assert.Null(f.RankChange));
    }

    [Fact]
    public void A_scope_refuses_results_of_another_period()
    {
        var wrong = Cards.Losing(Framework2022, "3", "11100", "Xã 11100", 0m, Period.Annual(2022));

        var error = Assert.Throws<ArgumentException>(() => new ScopeStandings(Framework2021, Period.Annual(2021), [wrong]));

        Assert.Contains("11100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Quarters_compare_like_years_and_fields_the_earlier_framework_lacks_are_left_out()
    {
        var earlierFramework = Framework.Create(TestFrameworks.ThaiNguyen2021Definition() with { Name = "Thái Nguyên 2022", Year = 2022 });
        var (q1, q2) = (Period.Quarter(2022, 1), Period.Quarter(2022, 2));
        var earlier = new ScopeStandings(earlierFramework, q1,
            [Cards.Losing(earlierFramework, "3.2.4", "11100", "Xã 11100", 4m, q1), Cards.Losing(earlierFramework, "3.2.4", "11101", "Xã 11101", 2m, q1)]);
        var later = new ScopeStandings(Framework2022, q2,
            [Cards.Losing(Framework2022, "3", "11100", "Xã 11100", 0m, q2), Cards.Losing(Framework2022, "3", "11101", "Xã 11101", 1m, q2)]);

        var comparison = PeriodComparer.CompareUnit(earlier, later, "11100");

        Assert.Equal((96.00m, 100.00m), (comparison.Earlier!.Index, comparison.Later.Index));
        Assert.Equal("tăng 1 bậc", comparison.RankChange!.Phrase);
        // Fields 9 and 10 of the later framework are not in Thái Nguyên's (fields 1 to 8).
        Assert.Equal(["1", "2", "3", "4", "5", "6", "7", "8"], comparison.Fields.Select(f => f.Code));
        Assert.Equal((80.00m, 100.00m), (comparison.Fields.Single(f => f.Code == "3").EarlierIndex, comparison.Fields.Single(f => f.Code == "3").LaterIndex));
    }
}
