using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Units;

namespace Cchc.Grains.Tests;

/// <summary>
/// "Up/down N places" reads the previous period's places, which that period's ranking keeps between its changes and
/// the next period's ranking keeps until told of a change (a deactivation, or once a minute): a change to the previous
/// period still shows in the next read, and reads in between ask the previous period nothing. Calls for the places are
/// counted by a call filter in the silo.
/// </summary>
public sealed class PreviousPlacesTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private CchcCluster _cluster = null!;
    private readonly GrainCallCount _placesAsked = GrainCallCount.ToMethod(nameof(IRankingGrain.GetStandingsAsync));

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync(), silo: _placesAsked.AddTo);
        await _cluster.SeedAsync(_units, Year);
        await _cluster.Grain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year - 1)).PutAsync(TestFramework.For(Year - 1));
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task A_change_to_the_previous_year_moves_the_previous_place_shown_this_year()
    {
        var (a, b) = (_units.Communes.First().Code, _units.Communes.Skip(1).First().Code);
        await _cluster.Commune(a, Year - 1).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(b, Year - 1).SubmitAsync(Scores.Self(Scores.Points("3.1", 5m)));
        await _cluster.Commune(a, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.WaitForRankingAsync(Province, Year - 1, 2);
        await _cluster.WaitForRankingAsync(Province, Year, 1);

        // 10 of the 80 points of the evaluated items: 12.50, ahead of 5 of 80 (6.25).
        var ranking = _cluster.Ranking(Province, Year);
        var before = (await ranking.GetUnitRankAsync(a, null)).Row!.Previous!;
        Assert.Equal((1, 12.50m), (before.CompetitionRank, before.Index));
        Assert.Equal(1, (await ranking.GetRankingAsync(null, 0, 10_000)).Rows[0].Previous!.CompetitionRank);

        // 15 of 80 (18.75) now leads: in one unit's row and in the whole ranking (which the grain keeps between changes).
        await _cluster.Commune(b, Year - 1).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await _cluster.WaitForRankingAsync(Province, Year - 1, 3);

        var after = (await ranking.GetUnitRankAsync(a, null)).Row!.Previous!;
        Assert.Equal((2, 12.50m), (after.CompetitionRank, after.Index));
        var whole = await ranking.GetRankingAsync(null, 0, 10_000);
        Assert.Equal((a, 2, false), (whole.Rows[0].UnitCode, whole.Rows[0].Previous!.CompetitionRank, whole.Published));

        // A publication shows in the next whole read too.
        await ranking.PublishAsync("so-noi-vu");
        Assert.True((await ranking.GetRankingAsync(null, 0, 10_000)).Published);
    }

    [Fact]
    public async Task Reads_ask_the_previous_year_once_until_it_changes_deactivates_or_a_minute_passes()
    {
        var (a, b) = (_units.Communes.First().Code, _units.Communes.Skip(1).First().Code);
        await _cluster.Commune(a, Year - 1).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(a, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.WaitForRankingAsync(Province, Year - 1, 1);
        await _cluster.WaitForRankingAsync(Province, Year, 1);
        var ranking = _cluster.Ranking(Province, Year);
        _placesAsked.Reset(); // the wait for this year's version read its places once already

        for (var i = 0; i < 10; i++)
        {
            await ranking.GetUnitRankAsync(a, null);
            await ranking.GetRankingAsync(null, 0, 20);
        }

        Assert.Equal(0, _placesAsked.Count);

        // A change to the previous year: asked again once, and shown (b's 15 of 80 points lead a's 10).
        await _cluster.Commune(b, Year - 1).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await _cluster.WaitForRankingAsync(Province, Year - 1, 2);
        Assert.Equal(2, (await ranking.GetUnitRankAsync(a, null)).Row!.Previous!.CompetitionRank);
        await ranking.GetUnitRankAsync(a, null);
        Assert.Equal(1, _placesAsked.Count);

        // The previous year's ranking deactivates: its next activation knows no readers, so it is asked again.
        await _cluster.Cluster.DeactivateAsync(_cluster.Ranking(Province, Year - 1));
        await ranking.GetUnitRankAsync(a, null);
        Assert.Equal(2, _placesAsked.Count);

        // Renewed once the minute has passed.
        _cluster.Clock.Advance(new RankingWatchOptions().RenewEvery);
        await ranking.GetUnitRankAsync(a, null);
        await ranking.GetUnitRankAsync(a, null);
        Assert.Equal(3, _placesAsked.Count);
    }
}
