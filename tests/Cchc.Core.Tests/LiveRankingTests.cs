using Cchc.Core.Ranking;

namespace Cchc.Core.Tests;

public sealed class LiveRankingTests
{
    private static readonly string[] Names =
    [
        "Xã An", "Xã Ân", "Xã Ấp", "Xã Ba", "Xã Bà", "Xã Dương", "Xã Điềm", "Xã Đồng", "Xã Đồng Liên", "Xã Yên",
        "Phường Hiền Thành", "Xã Sơn Lâm", "Xã Phương Định", "Thị trấn Ứng Hòa", "Xã Ô Diên",
    ];

    [Theory]
    [InlineData(20251, 600, 6000)]
    [InlineData(7, 50, 3000)]
    [InlineData(42, 3000, 4000)]
    public void After_many_random_updates_it_equals_the_full_ranker(int seed, int units, int operations)
    {
        var random = new Random(seed);
        var live = new LiveRanking();
        var model = new Dictionary<string, RankCandidate>(StringComparer.Ordinal);
        for (var op = 1; op <= operations; op++)
        {
            var code = $"{random.Next(units):00000}";
            if (random.Next(10) == 0)
            {
                Assert.Equal(model.Remove(code), live.Remove(code));
            }
            else
            {
                var candidate = RandomCandidate(random, code);
                model[code] = candidate;
                live.Upsert(candidate);
            }

            if (op % 250 == 0 || op == operations)
            {
                AssertSame(Ranker.Rank(model.Values), live, random);
            }
        }
    }

    [Fact]
    public void Answers_a_rank_the_top_and_a_page()
    {
        var live = new LiveRanking();
        live.Upsert(new("00003", "Xã Đồng", 90m));
        live.Upsert(new("00001", "Xã Dương", 90m));
        live.Upsert(new("00002", "Xã An", 95.5m));
        live.Upsert(new("00004", "Xã Yên", 70m));
        live.Upsert(new("00005", "Xã Ba", null, "Chưa nộp báo cáo"));

        Assert.Equal(new RankAnswer(2, 2, 3, 2, 4), live.Find("00003")!.Rank);
        Assert.Equal(["00002", "00001"], live.Top(2).Select(r => r.UnitCode));
        Assert.Equal(["00003", "00004"], live.Page(2, 10).Select(r => r.UnitCode));
        Assert.Empty(live.Page(4, 10));
        Assert.Null(live.Find("00005"));
        Assert.Equal("Chưa nộp báo cáo", live.FindUnranked("00005")!.Reason);

        live.Upsert(new("00004", "Xã Yên", 99m));

        Assert.Equal(new RankAnswer(1, 1, 3, 1, 4), live.Find("00004")!.Rank);
        Assert.Equal(new RankAnswer(3, 3, 3, 2, 4), live.Find("00003")!.Rank);
        Assert.True(live.Remove("00005"));
        Assert.False(live.Remove("00005"));
        Assert.Equal(0, live.UnrankedCount);
    }

    [Fact]
    public void A_unit_handed_again_as_it_is_stays_and_one_renamed_rescaled_or_with_a_new_reason_is_taken_again()
    {
        var live = new LiveRanking();
        live.Upsert(new("00001", "Xã Ba", 90m));
        live.Upsert(new("00002", "Xã An", 90m));
        live.Upsert(new("00003", "Xã Yên", null, "Chưa nộp báo cáo"));
        live.Upsert(new("00001", "Xã Ba", 90m));
        Assert.Equal(["00002", "00001"], live.Top(2).Select(r => r.UnitCode));

        // Same index: a new name changes the order of the tie ("Xã A" before "Xã An" in Vietnamese collation).
        live.Upsert(new("00001", "Xã A", 90m));
        Assert.Equal(["00001", "00002"], live.Top(2).Select(r => r.UnitCode));
        Assert.Equal("Xã A", live.Find("00001")!.Name);

        // Equal as numbers, written with two decimals as an official figure is: the figure shown is the new one.
        live.Upsert(new("00002", "Xã An", 90.00m));
        Assert.Equal("90.00", live.Find("00002")!.Index.ToString(System.Globalization.CultureInfo.InvariantCulture));

        live.Upsert(new("00003", "Xã Yên", null, "Tạm dừng xếp hạng"));
        Assert.Equal("Tạm dừng xếp hạng", live.FindUnranked("00003")!.Reason);
        Assert.Equal((2, 1, 1), (live.UnitCount, live.GroupCount, live.UnrankedCount));
    }

    [Theory]
    [InlineData(66.666)]
    [InlineData(100.5)]
    [InlineData(-0.01)]
    public void Refuses_an_index_that_is_not_an_official_figure_and_keeps_the_old_one(double index)
    {
        var live = new LiveRanking();
        live.Upsert(new("11116", "Xã Quang Khải", 90m));

        var error = Assert.Throws<ArgumentException>(() => live.Upsert(new("11116", "Xã Quang Khải", (decimal)index)));

        Assert.Contains("11116", error.Message, StringComparison.Ordinal);
        Assert.Equal(90m, live.Find("11116")!.Index);
    }

    private static RankCandidate RandomCandidate(Random random, string code)
    {
        var name = Names[random.Next(Names.Length)];
        return random.Next(20) switch
        {
            0 => new RankCandidate(code, name, null),
            1 => new RankCandidate(code, name, 80m, "Tạm dừng xếp hạng"),
            // Few distinct values so that ties and group changes are common; the ends of the range are included.
            2 => new RankCandidate(code, name, random.Next(2) == 0 ? 0m : 100m),
            _ => new RankCandidate(code, name, 60m + (random.Next(0, 161) * 0.25m)),
        };
    }

    private static void AssertSame(RankingResult expected, LiveRanking live, Random random)
    {
        var snapshot = live.Snapshot();
        Assert.Equal(expected.Ranked, snapshot.Ranked);
        Assert.Equal(expected.Unranked, snapshot.Unranked);
        Assert.Equal((expected.UnitCount, expected.GroupCount), (live.UnitCount, live.GroupCount));
        foreach (var unit in expected.Ranked.Take(50))
        {
            Assert.Equal(unit, live.Find(unit.UnitCode));
        }

        var offset = random.Next(expected.UnitCount + 2);
        var count = random.Next(1, 40);
        Assert.Equal(expected.Ranked.Skip(offset).Take(count), live.Page(offset, count));
        Assert.Equal(expected.Ranked.Take(10), live.Top(10));
    }
}
