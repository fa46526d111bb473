using Cchc.Api.V1;
using Cchc.Cli.Live;

namespace Cchc.Cli.Tests;

public sealed class LiveRankingViewTests
{
    [Fact]
    public void A_snapshot_is_shown_best_first_with_ties_in_Vietnamese_order()
    {
        var view = new LiveRankingView();

        view.ApplySnapshot(Snapshot(7,
            Entry("11083", "Xã Đại Sơn", "85.00"),
            Entry("11200", "Xã Hà Kỳ", "85.00"),
            Entry("11095", "Xã Dân Chủ", "85.00"),
            Entry("11116", "Xã Quang Khải", "91.25"),
            Entry("11074", "Thị trấn Tứ Kỳ", "70.10")));

        // Ordinal order would put "Đ" (U+0110) after "H"; in Vietnamese "Đ" comes right after "D".
        Assert.Equal(["Xã Quang Khải", "Xã Dân Chủ", "Xã Đại Sơn", "Xã Hà Kỳ", "Thị trấn Tứ Kỳ"], view.Entries.Select(e => e.UnitName));
        Assert.Equal([1, 2, 2, 2, 5], view.Entries.Select(e => e.CompetitionRank));
        Assert.Equal([1, 2, 2, 2, 3], view.Entries.Select(e => e.DenseRank));
        Assert.Equal([1, 3, 3, 3, 1], view.Entries.Select(e => e.TiedCount));
        Assert.All(view.Entries, e => Assert.Equal((3, 5), (e.GroupCount, e.UnitCount)));
        Assert.Equal(7, view.Version);
    }

    [Fact]
    public void An_update_moves_the_commune_and_recomputes_everyones_place()
    {
        var view = new LiveRankingView();
        view.ApplySnapshot(Snapshot(3,
            Entry("A", "Xã An Thanh", "90.00"),
            Entry("B", "Xã Bình Lãng", "80.00"),
            Entry("C", "Xã Cộng Lạc", "70.00")));

        var outcome = view.Apply(new WatchRankingResponse { Update = new RankingUpdate { Version = 4, UnitCode = "C", UnitCount = 3, Entry = Entry("C", "Xã Cộng Lạc", "95.50") } });

        Assert.Equal(LiveApplyOutcome.Applied, outcome);
        Assert.Equal(["C", "A", "B"], view.Entries.Select(e => e.UnitCode));
        Assert.Equal([1, 2, 3], view.Entries.Select(e => e.CompetitionRank));
        Assert.Equal("95.50", view.Entries[0].Index);
        Assert.Equal(4, view.Version);
        Assert.Equal(["C"], view.LastChangedCodes);
    }

    [Fact]
    public void An_update_into_a_tie_joins_the_group_in_name_order()
    {
        var view = new LiveRankingView();
        view.ApplySnapshot(Snapshot(1, Entry("11095", "Xã Dân Chủ", "80.00"), Entry("11083", "Xã Đại Sơn", "75.00"), Entry("11140", "Xã Ngọc Kỳ", "60.00")));

        view.ApplyUpdate(new RankingUpdate { Version = 2, UnitCode = "11083", UnitCount = 3, Entry = Entry("11083", "Xã Đại Sơn", "80.00") });
        view.ApplyUpdate(new RankingUpdate { Version = 3, UnitCode = "11140", UnitCount = 3, Entry = Entry("11140", "Xã Ngọc Kỳ", "80.00") });

        Assert.Equal(["Xã Dân Chủ", "Xã Đại Sơn", "Xã Ngọc Kỳ"], view.Entries.Select(e => e.UnitName));
        Assert.All(view.Entries, e => Assert.Equal((1, 1, 3, 1), (e.CompetitionRank, e.DenseRank, e.TiedCount, e.GroupCount)));
    }

    [Fact]
    public void Equal_index_and_name_fall_back_to_the_code()
    {
        var view = new LiveRankingView();

        view.ApplySnapshot(Snapshot(1, Entry("11119", "Xã Tân Kỳ", "80.00"), Entry("10001", "Xã Tân Kỳ", "80.00")));

        Assert.Equal(["10001", "11119"], view.Entries.Select(e => e.UnitCode));
    }

    [Fact]
    public void The_change_against_last_year_follows_the_recomputed_rank()
    {
        var view = new LiveRankingView();
        var moving = Entry("C", "Xã Cộng Lạc", "70.00");
        moving.Change = new RankChange { HasPrevious = true, PreviousRank = 3, Places = 0, Phrase = "giữ nguyên" };
        view.ApplySnapshot(Snapshot(1, Entry("A", "Xã An Thanh", "90.00"), Entry("B", "Xã Bình Lãng", "80.00"), moving));
        var moved = moving.Clone();
        moved.Index = "99.00";

        view.ApplyUpdate(new RankingUpdate { Version = 2, UnitCode = "C", UnitCount = 3, Entry = moved });

        Assert.Equal((2, "tăng 2 bậc"), (view.Entries[0].Change.Places, view.Entries[0].Change.Phrase));
    }

    [Fact]
    public void A_gap_in_versions_is_reported_and_changes_nothing()
    {
        var view = new LiveRankingView();
        view.ApplySnapshot(Snapshot(10, Entry("A", "Xã An Thanh", "90.00"), Entry("B", "Xã Bình Lãng", "80.00")));

        var outcome = view.ApplyUpdate(new RankingUpdate { Version = 12, UnitCode = "B", UnitCount = 2, Entry = Entry("B", "Xã Bình Lãng", "99.00") });

        Assert.Equal(LiveApplyOutcome.Gap, outcome);
        Assert.Equal(10, view.Version);
        Assert.Equal(["A", "B"], view.Entries.Select(e => e.UnitCode));
    }

    [Fact]
    public void A_repeated_update_after_resuming_is_ignored()
    {
        var view = new LiveRankingView();
        view.ApplySnapshot(Snapshot(10, Entry("A", "Xã An Thanh", "90.00")));
        view.ApplyUpdate(new RankingUpdate { Version = 11, UnitCode = "A", UnitCount = 1, Entry = Entry("A", "Xã An Thanh", "91.00") });

        var outcome = view.ApplyUpdate(new RankingUpdate { Version = 11, UnitCode = "A", UnitCount = 1, Entry = Entry("A", "Xã An Thanh", "50.00") });

        Assert.Equal(LiveApplyOutcome.Stale, outcome);
        Assert.Equal("91.00", Assert.Single(view.Entries).Index);
    }

    [Fact]
    public void An_update_before_any_snapshot_is_a_gap()
    {
        var view = new LiveRankingView();

        var outcome = view.ApplyUpdate(new RankingUpdate { Version = 1, UnitCode = "A", UnitCount = 1, Entry = Entry("A", "Xã An Thanh", "90.00") });

        Assert.Equal(LiveApplyOutcome.Gap, outcome);
        Assert.False(view.HasSnapshot);
        Assert.Empty(view.Entries);
    }

    [Fact]
    public void An_update_without_an_entry_takes_the_commune_out_of_the_ranking()
    {
        var view = new LiveRankingView();
        view.ApplySnapshot(Snapshot(5, Entry("A", "Xã An Thanh", "90.00"), Entry("B", "Xã Bình Lãng", "90.00"), Entry("C", "Xã Cộng Lạc", "70.00")));

        view.ApplyUpdate(new RankingUpdate { Version = 6, UnitCode = "A", UnitCount = 2 });

        Assert.Equal(["B", "C"], view.Entries.Select(e => e.UnitCode));
        Assert.Equal([(1, 1), (2, 1)], view.Entries.Select(e => (e.CompetitionRank, e.TiedCount)));
        Assert.Equal(2, view.UnitCount);
    }

    [Fact]
    public void A_new_snapshot_replaces_the_view()
    {
        var view = new LiveRankingView();
        view.ApplySnapshot(Snapshot(5, Entry("A", "Xã An Thanh", "90.00")));

        view.Apply(new WatchRankingResponse { Snapshot = Snapshot(40, Entry("B", "Xã Bình Lãng", "60.00")) });

        Assert.Equal(("B", 40L), (Assert.Single(view.Entries).UnitCode, view.Version));
    }

    private static RankingSnapshot Snapshot(long version, params RankingEntry[] entries)
    {
        var snapshot = new RankingSnapshot { Version = version };
        snapshot.Entries.AddRange(entries);
        return snapshot;
    }

    private static RankingEntry Entry(string code, string name, string index) =>
        new() { UnitCode = code, UnitName = name, Index = index, ClassName = "Tốt" };
}
