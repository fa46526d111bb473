using Cchc.Grains.Frameworks;
using Cchc.Grains.Units;

namespace Cchc.Grains.Tests;

/// <summary>
/// "Up/down N places" reads the previous period's places, which that period's ranking keeps between its changes: a
/// change to the previous period still shows in the next read.
/// </summary>
public sealed class PreviousPlacesTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private CchcCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync());
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
        await VersionAsync(Year - 1, 2);
        await VersionAsync(Year, 1);

        // 10 of the 80 points of the evaluated items: 12.50, ahead of 5 of 80 (6.25).
        var before = (await _cluster.Ranking(Province, Year).GetUnitRankAsync(a, null)).Row!.Previous!;
        Assert.Equal((1, 12.50m), (before.CompetitionRank, before.Index));

        // 15 of 80 (18.75) now leads.
        await _cluster.Commune(b, Year - 1).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await VersionAsync(Year - 1, 3);

        var after = (await _cluster.Ranking(Province, Year).GetUnitRankAsync(a, null)).Row!.Previous!;
        Assert.Equal((2, 12.50m), (after.CompetitionRank, after.Index));
    }

    private async Task VersionAsync(int year, long version)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while ((await _cluster.Ranking(Province, year).GetRankingAsync(null, 0, 0)).Version < version)
        {
            timeout.Token.ThrowIfCancellationRequested();
            await Task.Yield();
        }
    }
}
