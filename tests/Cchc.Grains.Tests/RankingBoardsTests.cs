using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Units;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Grains.Tests;

/// <summary>
/// Reads through the silo's ranking boards: a ranking active on the silo answers a read it has answered since its last
/// change without a grain call, and every change to what a read shows (a score, the previous year, the framework, a
/// publication), a silo's death, the renewal period and a deactivation bring the next read back to the grain. Calls
/// reaching the ranking grain are counted by a call filter in the silo.
/// </summary>
public sealed class RankingBoardsTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private static readonly string Key = GrainKeys.ForPeriod(Province, Period.Annual(Year));
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private readonly GrainCallCount _unitReads = GrainCallCount.ToMethod(nameof(IRankingGrain.GetUnitRankAsync));
    private readonly GrainCallCount _pageReads = GrainCallCount.ToMethod(nameof(IRankingGrain.ReadFirstPageAsync));
    private CchcCluster _cluster = null!;
    private string _a = "";
    private string _b = "";

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync(), silo: silo =>
        {
            _unitReads.AddTo(silo);
            _pageReads.AddTo(silo);
        });
        await _cluster.SeedAsync(_units, Year);
        (_a, _b) = (_units.Communes.First().Code, _units.Communes.Skip(1).First().Code);

        // 10 and 5 of the 80 points of the evaluated items: 12.50 ahead of 6.25.
        await _cluster.Commune(_a, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(_b, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 5m)));
        await _cluster.WaitForRankingAsync(Province, Year, 2);
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    private RankingBoards Boards => _cluster.Services.GetRequiredService<RankingBoards>();

    [Fact]
    public async Task A_unit_read_again_is_answered_without_a_call_until_a_score_moves_the_ranking()
    {
        var first = await Boards.GetUnitRankAsync(Key, _a, null);
        var again = await Boards.GetUnitRankAsync(Key, _a, null);
        var other = await Boards.GetUnitRankAsync(Key, _b, null);

        Assert.Equal((1, 12.50m), (first.Row!.Rank.CompetitionRank, first.Row.Index));
        Assert.Same(first, again);
        Assert.Equal((2, 6.25m), (other.Row!.Rank.CompetitionRank, other.Row.Index));
        Assert.Equal(2, _unitReads.Count);

        // 15 of 80 (18.75) now leads: the ranking applied it, so the next read is the grain's, and shows it.
        await _cluster.Commune(_b, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await _cluster.WaitForRankingAsync(Province, Year, 3);
        var moved = await Boards.GetUnitRankAsync(Key, _a, null);

        Assert.Equal((2, 12.50m, 3L), (moved.Row!.Rank.CompetitionRank, moved.Row.Index, moved.Version));
        Assert.Equal(3, _unitReads.Count);
        Assert.Same(moved, await Boards.GetUnitRankAsync(Key, _a, null));
        Assert.Equal(3, _unitReads.Count);
    }

    [Fact]
    public async Task A_first_page_read_again_is_the_same_view_without_a_call_until_a_score_moves_the_ranking()
    {
        var top = await Boards.ReadFirstPageAsync(Key, null, 1);
        Assert.Same(top, await Boards.ReadFirstPageAsync(Key, null, 1));
        Assert.Equal([_a], top.Rows.Select(r => r.UnitCode));
        Assert.Equal(1, _pageReads.Count);

        await _cluster.Commune(_b, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await _cluster.WaitForRankingAsync(Province, Year, 3);

        var moved = await Boards.ReadFirstPageAsync(Key, null, 1);
        Assert.Equal((_b, 18.75m), (moved.Rows[0].UnitCode, moved.Rows[0].Index));
        Assert.Same(moved, await Boards.ReadFirstPageAsync(Key, null, 1));
        Assert.Equal(2, _pageReads.Count);
    }

    [Fact]
    public async Task Reads_go_to_the_grain_again_once_the_renewal_period_passes_or_a_silo_dies()
    {
        await Boards.GetUnitRankAsync(Key, _a, null);
        await Boards.GetUnitRankAsync(Key, _a, null);
        Assert.Equal(1, _unitReads.Count);

        // The framework as last asked holds for the renewal period: then the grain asks it again.
        _cluster.Clock.Advance(new RankingWatchOptions().RenewEvery);
        await Boards.GetUnitRankAsync(Key, _a, null);
        await Boards.GetUnitRankAsync(Key, _a, null);
        Assert.Equal(2, _unitReads.Count);

        // A framework grain that died with its silo would send no notice.
        _cluster.Services.GetRequiredService<FrameworkWatches>().SilosDied(1);
        await Boards.GetUnitRankAsync(Key, _a, null);
        await Boards.GetUnitRankAsync(Key, _a, null);
        Assert.Equal(3, _unitReads.Count);
    }

    [Fact]
    public async Task A_new_framework_shows_in_the_next_read()
    {
        Assert.Equal("Yếu", (await Boards.GetUnitRankAsync(Key, _a, null)).Row!.ClassName);

        // 12.50 is "Khá" from 10 up in these bands; the put tells the ranking, which rebuilds at its next call.
        ClassBand[] bands = [new("Khá", 10m), new("Yếu", 0m)];
        await _cluster.Grain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year)).PutAsync(TestFramework.For(Year, bands));

        Assert.Equal("Khá", (await EventuallyAsync(() => Boards.GetUnitRankAsync(Key, _a, null), v => v.Row?.ClassName == "Khá")).Row!.ClassName);
    }

    [Fact]
    public async Task A_change_to_the_previous_year_shows_in_the_next_read()
    {
        await _cluster.Grain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year - 1)).PutAsync(TestFramework.For(Year - 1));
        await _cluster.Commune(_a, Year - 1).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.WaitForRankingAsync(Province, Year - 1, 1);
        var before = await EventuallyAsync(() => Boards.GetUnitRankAsync(Key, _a, null), v => v.Row?.Previous is not null);
        Assert.Equal(1, before.Row!.Previous!.CompetitionRank);

        // b's 15 of 80 points lead a's 10 in the previous year: its ranking tells this one, whose board closes.
        await _cluster.Commune(_b, Year - 1).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await _cluster.WaitForRankingAsync(Province, Year - 1, 2);

        var after = await EventuallyAsync(() => Boards.GetUnitRankAsync(Key, _a, null), v => v.Row?.Previous?.CompetitionRank == 2);
        Assert.Equal((2, 12.50m), (after.Row!.Previous!.CompetitionRank, after.Row.Previous.Index));
    }

    [Fact]
    public async Task A_publication_shows_in_the_next_read_and_a_deactivation_closes_the_board()
    {
        Assert.False((await Boards.GetUnitRankAsync(Key, _a, null)).Published);
        Assert.False((await Boards.ReadFirstPageAsync(Key, null, 20)).Published);

        await _cluster.Ranking(Province, Year).PublishAsync("so-noi-vu");

        Assert.True((await Boards.GetUnitRankAsync(Key, _a, null)).Published);
        Assert.True((await Boards.ReadFirstPageAsync(Key, null, 20)).Published);
        Assert.Equal((2, 2), (_unitReads.Count, _pageReads.Count));

        var open = Boards.Count;
        await _cluster.Cluster.DeactivateAsync(_cluster.Ranking(Province, Year));
        Assert.Equal(open - 1, Boards.Count);
        Assert.True((await Boards.GetUnitRankAsync(Key, _a, null)).Published);
        Assert.Equal(3, _unitReads.Count);
    }

    [Fact]
    public async Task A_board_keeps_at_most_its_bound_of_first_pages_and_reads_of_others_call_the_grain()
    {
        // A new activation, whose board holds none of the pages read while the test waited for the ranking.
        await _cluster.Cluster.DeactivateAsync(_cluster.Ranking(Province, Year));
        var sizes = Enumerable.Range(1, RankingBoard.MaxFirstPages + 1).ToArray();
        foreach (var size in sizes)
        {
            await Boards.ReadFirstPageAsync(Key, null, size);
        }

        foreach (var size in sizes)
        {
            await Boards.ReadFirstPageAsync(Key, null, size);
        }

        // Every size once, then again only the one past the bound.
        Assert.Equal(sizes.Length + 1, _pageReads.Count);
    }

    // A notice from another grain reaches the ranking as a message of its own, after the call that caused it returned.
    private static async Task<T> EventuallyAsync<T>(Func<ValueTask<T>> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
