using Cchc.Core;
using Cchc.Grains.Ranking;
using Cchc.Grains.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Grains.Tests;

/// <summary>
/// A ranking grain builds its whole ranking, and its first page, once per change: every read of either and every
/// watch's snapshot on the ranking's silo get the same view, and the next change shows in the next read (a change to the previous period and a
/// publication: <see cref="PreviousPlacesTests"/>).
/// </summary>
public sealed class WholeRankingTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private CchcCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync());
        await _cluster.SeedAsync(_units, Year);
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    // Called from the silo itself, as the API and the hub call it: an [Immutable] answer then arrives by reference.
    private IRankingGrain Ranking(int year) =>
        _cluster.Services.GetRequiredService<IGrainFactory>().GetGrain<IRankingGrain>(GrainKeys.ForPeriod(Province, Period.Annual(year)));

    [Fact]
    public async Task Whole_reads_share_one_view_until_a_change_and_then_show_it()
    {
        var (a, b) = (_units.Communes.First().Code, _units.Communes.Skip(1).First().Code);
        await _cluster.Commune(a, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.WaitForRankingAsync(Province, Year, 1);
        var units = _units.Communes.Count();

        var first = await Ranking(Year).GetRankingAsync(null, 0, 10_000);
        var second = await Ranking(Year).GetRankingAsync(null, 0, units);

        Assert.Same(first, second);
        // One commune has an index; every other is listed as unranked.
        Assert.Equal((1, units - 1), (first.UnitCount, first.Unranked.Count));
        Assert.Equal(a, first.Rows[0].UnitCode);

        // 15 of the 80 points of the evaluated items (18.75) now leads 10 of 80 (12.50).
        await _cluster.Commune(b, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await _cluster.WaitForRankingAsync(Province, Year, 2);
        var changed = await Ranking(Year).GetRankingAsync(null, 0, 10_000);

        Assert.NotSame(first, changed);
        Assert.Equal((b, 18.75m, a, 12.50m), (changed.Rows[0].UnitCode, changed.Rows[0].Index, changed.Rows[1].UnitCode, changed.Rows[1].Index));
        Assert.Same(changed, await Ranking(Year).GetRankingAsync(null, 0, 10_000));
    }

    [Fact]
    public async Task First_pages_of_one_size_share_one_view_until_a_change_and_later_pages_are_built_per_read()
    {
        var codes = _units.Communes.Take(4).Select(c => c.Code).ToArray();
        // 5, 10 and 15 of the 80 points of the evaluated items: 6.25, 12.50 and 18.75.
        foreach (var (code, points) in codes.Take(3).Zip([5m, 10m, 15m]))
        {
            await _cluster.Commune(code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", points)));
        }

        await _cluster.WaitForRankingAsync(Province, Year, 3);

        var top = await Ranking(Year).GetRankingAsync(null, 0, 1);

        Assert.Same(top, await Ranking(Year).GetRankingAsync(null, 0, 1));
        Assert.Equal([codes[2]], top.Rows.Select(r => r.UnitCode));
        Assert.Equal(3, top.UnitCount);

        // A first page of another size takes the kept one's place; a page further on is built for its caller.
        var two = await Ranking(Year).GetRankingAsync(null, 0, 2);
        Assert.Equal([codes[2], codes[1]], two.Rows.Select(r => r.UnitCode));
        Assert.Same(two, await Ranking(Year).GetRankingAsync(null, 0, 2));
        Assert.NotSame(top, await Ranking(Year).GetRankingAsync(null, 0, 1));
        Assert.NotSame(await Ranking(Year).GetRankingAsync(null, 1, 1), await Ranking(Year).GetRankingAsync(null, 1, 1));

        // 20 of the 80 points (25.00) now leads: the next first page shows it.
        var before = await Ranking(Year).GetRankingAsync(null, 0, 1);
        await _cluster.Commune(codes[3], Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 20m)));
        await _cluster.WaitForRankingAsync(Province, Year, 4);
        var changed = await Ranking(Year).GetRankingAsync(null, 0, 1);

        Assert.NotSame(before, changed);
        Assert.Equal((codes[3], 25.00m, 4), (changed.Rows[0].UnitCode, changed.Rows[0].Index, changed.UnitCount));
    }

    [Fact]
    public async Task Watchers_starting_together_share_one_snapshot_with_the_progress()
    {
        await _cluster.Commune(_units.Communes.First().Code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.WaitForRankingAsync(Province, Year, 1);
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var period = Period.Annual(Year);

        await using var one = _cluster.Hub.WatchAsync(Province, period, null, 0, stop.Token).GetAsyncEnumerator(stop.Token);
        await using var two = _cluster.Hub.WatchAsync(Province, period, null, 0, stop.Token).GetAsyncEnumerator(stop.Token);
        Assert.True(await one.MoveNextAsync());
        Assert.True(await two.MoveNextAsync());

        var snapshot = Assert.IsType<RankingView>(one.Current.Snapshot);
        Assert.Same(snapshot, two.Current.Snapshot);
        Assert.NotNull(snapshot.Progress);
        Assert.Equal(1, snapshot.Version);

        // A whole read of the same version shares the rows but carries no progress.
        var read = await Ranking(Year).GetRankingAsync(null, 0, 10_000);
        Assert.Null(read.Progress);
        Assert.Same(read.Rows, snapshot.Rows);
    }
}
