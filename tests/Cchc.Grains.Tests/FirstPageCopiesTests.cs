using Cchc.Core;
using Cchc.Grains.Ranking;
using Cchc.Grains.Units;

namespace Cchc.Grains.Tests;

/// <summary>
/// A silo's copies of the first pages read through it: the ranking grain sends a view only to a caller that does not
/// hold it. Called through the cluster client, so every answer crosses the serializer as it does from another silo,
/// and a view sent again arrives as a new object.
/// </summary>
public sealed class FirstPageCopiesTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
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

    private IRankingGrain Ranking(string scope) => _cluster.Grains.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, Period.Annual(Year)));

    [Fact]
    public async Task The_ranking_sends_its_rows_only_to_a_caller_that_does_not_hold_its_current_view()
    {
        var codes = await ScoreAsync(5m, 10m);

        var sent = await Ranking(Province).ReadFirstPageAsync(null, 1, Guid.Empty);
        var again = await Ranking(Province).ReadFirstPageAsync(null, 1, sent.Id);
        var other = await Ranking(Province).ReadFirstPageAsync(null, 1, Guid.NewGuid());

        Assert.Equal([codes[1]], sent.View!.Rows.Select(r => r.UnitCode));
        Assert.Equal(sent.Id, again.Id);
        Assert.Null(again.View);
        Assert.Equal((sent.Id, codes[1]), (other.Id, other.View!.Rows[0].UnitCode));
    }

    [Fact]
    public async Task Reads_of_a_held_view_get_the_same_copy_until_the_ranking_changes_and_then_its_change()
    {
        var codes = await ScoreAsync(5m, 10m);
        var copies = new FirstPageCopies();

        var top = await copies.ReadAsync(Ranking(Province), null, 1);
        var whole = await copies.ReadAsync(Ranking(Province), null, 1000);

        Assert.Same(top, await copies.ReadAsync(Ranking(Province), null, 1));
        Assert.Same(whole, await copies.ReadAsync(Ranking(Province), null, 1000));
        Assert.Equal([codes[1]], top.Rows.Select(r => r.UnitCode));
        Assert.Equal([codes[1], codes[0]], whole.Rows.Select(r => r.UnitCode));

        // 15 of the 80 points of the evaluated items (18.75) now leads 10 of 80 (12.50).
        await _cluster.Commune(codes[0], Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await _cluster.WaitForRankingAsync(Province, Year, 3);
        var changed = await copies.ReadAsync(Ranking(Province), null, 1);

        Assert.NotSame(top, changed);
        Assert.Equal((codes[0], 18.75m), (changed.Rows[0].UnitCode, changed.Rows[0].Index));
        Assert.Same(changed, await copies.ReadAsync(Ranking(Province), null, 1));
        Assert.Equal(2, copies.Count);
    }

    [Fact]
    public async Task When_full_the_copy_read_least_recently_is_dropped_and_sent_again_at_its_next_read()
    {
        await ScoreAsync(5m, 10m);
        var copies = new FirstPageCopies(capacity: 2);

        var one = await copies.ReadAsync(Ranking(Province), null, 1);
        var two = await copies.ReadAsync(Ranking(Province), null, 2);
        Assert.Same(one, await copies.ReadAsync(Ranking(Province), null, 1));
        var whole = await copies.ReadAsync(Ranking(Province), null, 1000);

        // The page of two, read least recently, made room; the others stay.
        Assert.Equal(2, copies.Count);
        Assert.Same(one, await copies.ReadAsync(Ranking(Province), null, 1));
        Assert.Same(whole, await copies.ReadAsync(Ranking(Province), null, 1000));
        var twoAgain = await copies.ReadAsync(Ranking(Province), null, 2);
        Assert.NotSame(two, twoAgain);
        Assert.Equal(two.Rows.Select(r => r.UnitCode), twoAgain.Rows.Select(r => r.UnitCode));
    }

    // 5 and 10 of the 80 points of the evaluated items: 6.25 and 12.50; returns the communes in that order.
    private async Task<string[]> ScoreAsync(decimal first, decimal second)
    {
        var codes = _units.Communes.Take(2).Select(c => c.Code).ToArray();
        await _cluster.Commune(codes[0], Year).SubmitAsync(Scores.Self(Scores.Points("3.1", first)));
        await _cluster.Commune(codes[1], Year).SubmitAsync(Scores.Self(Scores.Points("3.1", second)));
        await _cluster.WaitForRankingAsync(Province, Year, 2);
        return codes;
    }
}
