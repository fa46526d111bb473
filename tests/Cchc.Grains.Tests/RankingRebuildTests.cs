using Cchc.Grains.Frameworks;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;

namespace Cchc.Grains.Tests;

/// <summary>
/// A ranking rebuilds from its communes' summaries, except for a period without a framework, where no commune has one:
/// the previous year's ranking, asked for its places by every read of this year's, then activates none of its
/// communes, until a framework is put for it. Summary calls are counted by year with a call filter in the silo.
/// </summary>
public sealed class RankingRebuildTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private CchcCluster _cluster = null!;
    private readonly GrainCallCount _askedThisYear = SummariesAsked(lastYear: false);
    private readonly GrainCallCount _askedLastYear = SummariesAsked(lastYear: true);

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync(), silo: silo =>
        {
            _askedThisYear.AddTo(silo);
            _askedLastYear.AddTo(silo);
        });
        await _cluster.SeedAsync(_units, Year);
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    // A commune's summary asked for, of this year or of the year before (the commune grain's key ends with its year).
    private static GrainCallCount SummariesAsked(bool lastYear) => new(context =>
        context.InterfaceMethod?.Name == nameof(ICommuneGrain.GetSummaryAsync) &&
        context.TargetId.Key.ToString()!.EndsWith($"/{Year - 1}", StringComparison.Ordinal) == lastYear);

    [Fact]
    public async Task The_previous_year_without_a_framework_asks_none_of_its_communes_until_one_is_put()
    {
        var communes = _units.Communes.Count();
        var (scored, district) = (_units.Communes.First().Code, _units.Communes.First().ParentCode);
        await _cluster.Commune(scored, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.WaitForRankingAsync(Province, Year, 1);
        await _cluster.WaitForRankingAsync(district, Year, 1);

        var whole = await _cluster.Ranking(Province, Year).GetRankingAsync(null, 0, 10_000);

        // The one commune scored is ranked, with no previous place.
        Assert.Equal([scored], whole.Rows.Select(r => r.UnitCode));
        Assert.Null(whole.Rows[0].Previous);
        // Each of this year's two rankings (the province's, the district's) asked each of its communes once.
        Assert.Equal(communes + _units.Communes.Count(c => c.ParentCode == district), _askedThisYear.Count);
        Assert.Equal(0, _askedLastYear.Count);

        await _cluster.Grain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year - 1)).PutAsync(TestFramework.For(Year - 1));
        await _cluster.Ranking(Province, Year - 1).GetRankingAsync(null, 0, 10_000);

        Assert.Equal(communes, _askedLastYear.Count);
    }
}
