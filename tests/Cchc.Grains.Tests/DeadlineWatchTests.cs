using Cchc.Core;
using Cchc.Grains.Deadlines;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;

namespace Cchc.Grains.Tests;

/// <summary>
/// Communes watch their scopes' deadlines instead of asking them on every write: no deadline call while the watches
/// hold, and still the windows last stored after a change, an extension, a lapsed watch and a deadline grain that moved.
/// Calls to deadline grains are counted by a call filter in the silo. The test clock stands at 20 November 2024.
/// </summary>
public sealed class DeadlineWatchTests(SqliteTarget target) : IClassFixture<SqliteTarget>, IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private readonly GrainCallCount _deadlineCalls = GrainCallCount.To<IDeadlineGrain>();
    private CchcCluster _cluster = null!;

    private string Commune => _units.Communes.First().Code;

    private IDeadlineGrain ProvinceDeadlines => _cluster.Grain<IDeadlineGrain>(GrainKeys.ForPeriod(Province, Period.Annual(Year)));

    private ICommuneGrain CommuneGrain => _cluster.Commune(Commune, Year);

    public async Task InitializeAsync()
    {
        _cluster = await CchcCluster.StartAsync(await target.CreateAsync(), silo: _deadlineCalls.AddTo);
        await _cluster.SeedAsync(_units, Year);
        await CommuneGrain.SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
    }

    public Task DisposeAsync() => _cluster.DisposeAsync().AsTask();

    [Fact]
    public async Task Writes_of_a_commune_whose_watches_hold_ask_the_deadline_grains_nothing()
    {
        _deadlineCalls.Reset();

        for (var points = 11m; points <= 15m; points++)
        {
            await CommuneGrain.SubmitAsync(Scores.Self(Scores.Points("3.1", points)));
        }

        // Before the watch each write asked its district's deadline grain and, finding no window there, its province's.
        Assert.Equal(0, _deadlineCalls.Count);
        Assert.Equal(6, (await CommuneGrain.GetScoresAsync()).Version);
    }

    [Fact]
    public async Task Windows_set_and_an_extension_given_reach_the_next_write()
    {
        await SetClosedSelfAssessmentWindowAsync();

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => CommuneGrain.SubmitAsync(Scores.Self(Scores.Points("3.1", 11m))));
        Assert.Equal(RejectionKind.FailedPrecondition, refused.Kind);

        await ProvinceDeadlines.ExtendAsync(new ExtensionRequest(Commune, ScoreStage.SelfAssessment, "2024-11-30T23:59:59+07:00", "Xã bị ảnh hưởng bão số 3", "admin"));

        Assert.Equal(2, (await CommuneGrain.SubmitAsync(Scores.Self(Scores.Points("3.1", 11m)))).Version);
    }

    [Fact]
    public async Task A_watch_the_deadline_grain_has_let_lapse_is_renewed_before_the_next_write()
    {
        // Past the expiry the deadline grain drops the commune from its watchers and tells it nothing of the change.
        _cluster.Clock.Advance(new RankingWatchOptions().SubscriptionExpiry + TimeSpan.FromSeconds(1));
        await SetClosedSelfAssessmentWindowAsync();

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => CommuneGrain.SubmitAsync(Scores.Self(Scores.Points("3.1", 11m))));
        Assert.Equal(RejectionKind.FailedPrecondition, refused.Kind);
    }

    [Fact]
    public async Task A_deadline_grain_that_deactivates_sends_its_watchers_to_its_next_activation()
    {
        // The next activation knows no watchers: without the leaving notice the commune would trust its watch.
        await _cluster.Cluster.DeactivateAsync(ProvinceDeadlines);
        await SetClosedSelfAssessmentWindowAsync();

        var refused = await Assert.ThrowsAsync<RequestRejectedException>(() => CommuneGrain.SubmitAsync(Scores.Self(Scores.Points("3.1", 11m))));
        Assert.Equal(RejectionKind.FailedPrecondition, refused.Kind);
    }

    // Self-assessment in the province from 1 to 10 November 2024: closed on the test clock's 20 November.
    private Task SetClosedSelfAssessmentWindowAsync() =>
        ProvinceDeadlines.SetAsync([new WindowInput(ScoreStage.SelfAssessment, "2024-11-01T00:00:00+07:00", "2024-11-10T23:59:59+07:00")], "admin");
}
