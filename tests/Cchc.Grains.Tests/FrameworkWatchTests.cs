using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Grains.Units;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Storage;

namespace Cchc.Grains.Tests;

/// <summary>
/// Rankings and communes watch their framework instead of asking it on every call: no framework call while the watch
/// holds, and still the framework last put after a put, a lapsed watch, a framework grain that moved, and a put that
/// meets a ranking's activation. Calls to the framework grain are counted by a call filter in the silo.
/// </summary>
public sealed class FrameworkWatchTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private static readonly FrameworkState Generous = TestFramework.For(Year, [new ClassBand("Xuất sắc", 10m), new ClassBand("Yếu", 0m)]);
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private readonly GrainCallCount _frameworkCalls = GrainCallCount.To<IFrameworkGrain>();
    private CchcCluster _cluster = null!;

    private string Commune => _units.Communes.First().Code;

    private string District => _units.Communes.First().ParentCode;

    private IFrameworkGrain Framework => _cluster.Grain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year));

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync(), silo: _frameworkCalls.AddTo);
        await _cluster.SeedAsync(_units, Year);
        await _cluster.Commune(Commune, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.WaitForRankingAsync(Province, Year, 1);
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Reads_of_a_ranking_whose_watch_holds_ask_the_framework_grain_nothing()
    {
        var ranking = _cluster.Ranking(Province, Year);
        var district = _cluster.Ranking(District, Year);
        await district.GetUnitRankAsync(Commune, null); // activates it: its first watch is one call
        _frameworkCalls.Reset();

        for (var i = 0; i < 10; i++)
        {
            await ranking.GetRankingAsync(null, 0, 20);
            await ranking.GetUnitRankAsync(Commune, null);
            await district.GetUnitRankAsync(Commune, null);
        }

        // Before the push each of these 30 reads asked the framework grain for its version at least once.
        Assert.Equal(0, _frameworkCalls.Count);
        Assert.Equal("Yếu", (await ranking.GetUnitRankAsync(Commune, null)).Row?.ClassName); // 10 of 80 evaluated points
    }

    [Fact]
    public async Task Writes_of_a_commune_whose_watch_holds_ask_the_framework_grain_nothing_and_a_put_reaches_it()
    {
        var commune = _cluster.Commune(Commune, Year);
        _frameworkCalls.Reset();

        for (var points = 11m; points <= 15m; points++)
        {
            await commune.SubmitAsync(Scores.Self(Scores.Points("3.1", points)));
        }

        Assert.Equal(0, _frameworkCalls.Count);
        Assert.Equal((1L, "Yếu"), ((await commune.GetScorecardAsync()).FrameworkVersion, (await commune.GetScorecardAsync()).ClassName));

        await Framework.PutAsync(Generous);

        var scorecard = await commune.GetScorecardAsync();
        Assert.Equal((2L, "Xuất sắc"), (scorecard.FrameworkVersion, scorecard.ClassName));
    }

    [Fact]
    public async Task A_put_is_seen_by_the_next_read_of_a_ranking_and_of_its_district()
    {
        await _cluster.Ranking(District, Year).GetUnitRankAsync(Commune, null);

        await Framework.PutAsync(Generous);

        Assert.Equal("Xuất sắc", (await _cluster.Ranking(Province, Year).GetUnitRankAsync(Commune, null)).Row?.ClassName);
        Assert.Equal("Xuất sắc", (await _cluster.Ranking(District, Year).GetUnitRankAsync(Commune, null)).Row?.ClassName);
    }

    [Fact]
    public async Task A_watch_the_framework_grain_has_let_lapse_is_renewed_before_the_ranking_answers()
    {
        var ranking = _cluster.Ranking(Province, Year);
        await ranking.GetUnitRankAsync(Commune, null);

        // Past the expiry the framework grain drops the ranking from its watchers and tells it nothing of the put.
        _cluster.Clock.Advance(new RankingWatchOptions().SubscriptionExpiry + TimeSpan.FromSeconds(1));
        await Framework.PutAsync(Generous);

        Assert.Equal("Xuất sắc", (await ranking.GetUnitRankAsync(Commune, null)).Row?.ClassName);
    }

    [Fact]
    public async Task A_framework_grain_that_deactivates_sends_its_watchers_to_its_next_activation()
    {
        var ranking = _cluster.Ranking(Province, Year);
        await ranking.GetUnitRankAsync(Commune, null);

        // The next activation knows no watchers: without the leaving notice the ranking would trust its watch.
        await _cluster.Cluster.DeactivateAsync(Framework);
        await Framework.PutAsync(Generous);

        Assert.Equal("Xuất sắc", (await ranking.GetUnitRankAsync(Commune, null)).Row?.ClassName);
    }

    [Fact]
    public async Task A_put_that_meets_a_ranking_activating_completes_and_the_ranking_holds_the_new_framework()
    {
        var ranking = _cluster.Ranking(Province, Year);
        var bands = new[] { Generous, TestFramework.For(Year) };
        for (var round = 0; round < 4; round++)
        {
            await ranking.GetUnitRankAsync(Commune, null);
            await _cluster.Cluster.DeactivateAsync(ranking);

            // The activation asks the framework grain to watch it (and every commune for its summary) while the put
            // waits on the ranking's change notice: both must go through, neither waiting out a timeout.
            var read = ranking.GetUnitRankAsync(Commune, null);
            var put = Framework.PutAsync(bands[round % 2]);
            await Task.WhenAll(read, put);

            var expected = round % 2 == 0 ? "Xuất sắc" : "Yếu";
            Assert.Equal(expected, (await ranking.GetUnitRankAsync(Commune, null)).Row?.ClassName);
        }
    }
}
