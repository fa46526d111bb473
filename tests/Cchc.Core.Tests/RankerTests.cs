using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;
using Cchc.Core.Tests.Support;

namespace Cchc.Core.Tests;

public sealed class RankerTests
{
    [Fact]
    public void Twenty_one_communes_tied_at_the_top_are_rank_1_of_3_groups_tied_with_20()
    {
        // "rank 1 of 3 rank groups, in the same group as 20 other communes".
        var framework = TestFrameworks.HaiDuong2022();
        var results = Enumerable.Range(1, 21).Select(i => Cards.Losing(framework, "3", $"111{i:00}", $"Xã {i:00}", 0m))
            .Append(Cards.Losing(framework, "3", "11150", "Xã Quang Khải", 5m))
            .Append(Cards.Losing(framework, "3", "11151", "Xã Quang Phục", 5m))
            .Append(Cards.Losing(framework, "3", "11152", "Xã Tân Kỳ", 12.5m));

        var ranking = Ranker.Rank(results.Select(r => RankCandidate.Overall(r)));

        Assert.Equal(new RankAnswer(1, 1, 3, 21, 24), ranking.Find("11107")!.Rank);
        Assert.Equal(20, ranking.Find("11107")!.Rank.TiedWith);
        Assert.Equal(new RankAnswer(22, 2, 3, 2, 24), ranking.Find("11151")!.Rank);
        Assert.Equal(new RankAnswer(24, 3, 3, 1, 24), ranking.Find("11152")!.Rank);
        Assert.Equal("24/24", ranking.Find("11152")!.Rank.ToString());
        Assert.Equal((24, 3), (ranking.UnitCount, ranking.GroupCount));
    }

    [Theory]
    [InlineData(new[] { 90.0, 85, 85, 80 }, new[] { 1, 2, 2, 4 }, new[] { 1, 2, 2, 3 })]
    [InlineData(new[] { 70.0, 70, 70 }, new[] { 1, 1, 1 }, new[] { 1, 1, 1 })]
    [InlineData(new[] { 99.99, 99.98, 99.98, 99.98, 50 }, new[] { 1, 2, 2, 2, 5 }, new[] { 1, 2, 2, 2, 3 })]
    public void Competition_and_dense_ranks(double[] indices, int[] competition, int[] dense)
    {
        var candidates = indices.Select((x, i) => new RankCandidate($"{i:00000}", $"Xã {i}", (decimal)x)).Reverse();

        var ranking = Ranker.Rank(candidates);

        Assert.Equal(competition, ranking.Ranked.Select(r => r.Rank.CompetitionRank));
        Assert.Equal(dense, ranking.Ranked.Select(r => r.Rank.DenseRank));
        Assert.All(ranking.Ranked, r => Assert.Equal(dense[^1], r.Rank.GroupCount));
    }

    [Fact]
    public void Ties_are_shown_in_Vietnamese_collation_then_by_code()
    {
        string[] expected = ["Xã An", "Xã Ân", "Xã Ấp", "Xã Ba", "Xã Dương", "Xã Điềm", "Xã Đồng", "Xã Đồng", "Xã Yên"];
        var shuffled = new[] { 7, 2, 8, 0, 5, 3, 1, 6, 4 }.Select(i => new RankCandidate($"{900 - i:00000}", expected[i], 88.5m));

        var ranking = Ranker.Rank(shuffled);

        Assert.Equal(expected, ranking.Ranked.Select(r => r.Name));
        Assert.Equal(["00893", "00894"], ranking.Ranked.Where(r => r.Name == "Xã Đồng").Select(r => r.UnitCode));
        Assert.All(ranking.Ranked, r => Assert.Equal(new RankAnswer(1, 1, 1, 9, 9), r.Rank));
    }

    [Theory]
    [InlineData("D", "Đ")]
    [InlineData("Dương", "Điềm")]
    [InlineData("Đồng", "E")]
    [InlineData("An", "Ân")]
    [InlineData("Ân", "Ấp")]
    [InlineData("Ấp", "Ba")]
    [InlineData("Ba", "Bà")]
    [InlineData("Điềm", "Đồng")]
    [InlineData("Đồng", "Yên")]
    public void VietnameseNameComparer_orders_as_a_Vietnamese_reader(string before, string after)
    {
        Assert.True(VietnameseNameComparer.Instance.Compare(before, after) < 0, $"{before} < {after}");
        Assert.True(VietnameseNameComparer.Instance.Compare(after, before) > 0, $"{after} > {before}");
    }

    [Fact]
    public void Units_that_must_not_be_ranked_are_listed_apart_with_the_reason()
    {
        var candidates = new[]
        {
            new RankCandidate("00001", "Xã Bình", 91m),
            new RankCandidate("00002", "Xã An", 95m, ExcludedReason: "Đang bị xem xét kỷ luật"),
            new RankCandidate("00003", "Xã Cẩm", null),
            new RankCandidate("00004", "Xã Đông", 80m),
        };

        var ranking = Ranker.Rank(candidates);

        Assert.Equal(["00001", "00004"], ranking.Ranked.Select(r => r.UnitCode));
        Assert.Equal(2, ranking.UnitCount);
        Assert.Equal(
            [new UnrankedUnit("00002", "Xã An", "Đang bị xem xét kỷ luật"), new UnrankedUnit("00003", "Xã Cẩm", RankCandidate.NoIndexReason)],
            ranking.Unranked);
        Assert.Null(ranking.Find("00002"));
    }

    [Fact]
    public void Ranking_per_field_uses_the_component_index()
    {
        var framework = TestFrameworks.HaiDuong2022();
        var strongOverall = Cards.Losing(framework, "1.5", "11116", "Xã Quang Khải", 2.5m); // field 1 at 12.5/15
        var weakOverall = Cards.Losing(framework, "3", "11117", "Xã Quang Phục", 10m); // field 1 full
        var results = new[] { strongOverall, weakOverall };

        var overall = Ranker.Rank(results.Select(r => RankCandidate.Overall(r)));
        var field1 = Ranker.Rank(results.Select(r => RankCandidate.ForNode(r, "1")));
        var field3 = Ranker.Rank(results.Select(r => RankCandidate.ForNode(r, "3")));

        Assert.Equal(["11116", "11117"], overall.Ranked.Select(r => r.UnitCode));
        Assert.Equal(["11117", "11116"], field1.Ranked.Select(r => r.UnitCode));
        Assert.Equal([100m, 83.33m], field1.Ranked.Select(r => r.Index));
        Assert.Equal(["11116", "11117"], field3.Ranked.Select(r => r.UnitCode));
    }

    [Fact]
    public void A_unit_with_nothing_evaluated_in_a_field_is_not_ranked_in_that_field()
    {
        var framework = TestFrameworks.HaiDuong2022();
        var noSurvey = ScorecardCalculator.Compute(framework, Cards.Full(framework, "11116", "Xã Quang Khải", Cards.Year2022, ("10", new ItemEntry())));

        var ranking = Ranker.Rank([RankCandidate.ForNode(noSurvey, "10")]);

        Assert.Equal(RankCandidate.NoIndexReason, Assert.Single(ranking.Unranked).Reason);
    }

    [Fact]
    public void A_repeated_unit_is_refused_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => Ranker.Rank([new("11116", "Xã Quang Khải", 90m), new("11116", "Xã Quang Khải", 91m)]));

        Assert.Contains("11116", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(66.666)]
    [InlineData(100.01)]
    [InlineData(-1)]
    public void An_index_that_is_not_an_official_figure_is_refused(double index)
    {
        var error = Assert.Throws<ArgumentException>(() => Ranker.Rank([new("11116", "Xã Quang Khải", (decimal)index)]));

        Assert.Contains("11116", error.Message, StringComparison.Ordinal);
    }
}
