using System.Text.Json;
using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;
using Cchc.Grains.Publication;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Storage;

namespace Cchc.Grains.Tests;

/// <summary>
/// The grains over real storage (SQLite and PostgreSQL subclasses), with the real units of Đà Nẵng
/// (province 48: 8 districts, 47 communes) as of 1 March 2025.
/// </summary>
public abstract class SeasonTests : IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private Silo _silo = null!;
    private StorageOptions _storage = null!;

    private IEnumerable<UnitRecord> Communes => _units.Communes;

    public async Task InitializeAsync()
    {
        _storage = await CreateStorageAsync();
        _silo = await Silo.StartAsync(_storage);
        await _silo.SeedAsync(_units, Year);
    }

    public async Task DisposeAsync()
    {
        await _silo.DisposeAsync();
        await DeleteStorageAsync();
    }

    /// <summary>Fresh, empty storage for one test.</summary>
    protected abstract Task<StorageOptions> CreateStorageAsync();

    protected abstract Task DeleteStorageAsync();

    [Fact]
    public async Task Concurrent_writers_on_the_same_communes_lose_no_update()
    {
        var targets = Communes.Take(12).Select(c => c.Code).ToArray();
        var acknowledged = await Task.WhenAll(Enumerable.Range(0, 16).Select(writer => Task.Run(async () =>
        {
            var random = new Random(writer);
            var count = 0;
            for (var i = 0; i < 25; i++)
            {
                var code = targets[random.Next(targets.Length)];
                await _silo.Commune(code, Year).SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(random), $"writer-{writer}"));
                count++;
            }

            return count;
        })));

        var stored = await StoredStatesAsync();
        Assert.Equal(acknowledged.Sum(), stored.Values.Sum(s => s.Version));
        await AssertRankingsEqualFreshComputationAsync(stored);
    }

    [Fact]
    public async Task Rankings_after_a_restart_equal_the_rankings_before()
    {
        await PlaySeasonAsync(seed: 7);
        var before = await _silo.Ranking(Province, Year).GetRankingAsync(null, 0, 1000);
        var district = Communes.First().ParentCode;
        var districtBefore = await _silo.Ranking(district, Year).GetRankingAsync("2", 0, 1000);

        await _silo.DisposeAsync();
        _silo = await Silo.StartAsync(_storage);

        var after = await _silo.Ranking(Province, Year).GetRankingAsync(null, 0, 1000);
        Assert.Equal(Describe(before), Describe(after));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Describe(districtBefore), Describe(await _silo.Ranking(district, Year).GetRankingAsync("2", 0, 1000)));
    }

    [Fact]
    public async Task Twenty_one_communes_tied_at_the_top_share_rank_one()
    {
        foreach (var commune in Communes.Take(21))
        {
            await _silo.Commune(commune.Code, Year).SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment,
                [new("3.1", new Core.Scoring.PointsInput(20m))], "test"));
        }

        await _silo.Commune(Communes.ElementAt(21).Code, Year).SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment,
            [new("3.1", new Core.Scoring.PointsInput(10m))], "test"));

        var (row, view) = await _silo.Ranking(Province, Year).GetUnitRankAsync(Communes.First().Code, null);
        Assert.NotNull(row);
        Assert.Equal(new RankAnswer(1, 1, 2, 21, 22), row.Unit.Rank);
        Assert.Equal(22, view.UnitCount);
        Assert.Equal(Communes.Count() - 22, view.Unranked.Count);
        Assert.All(view.Unranked, u => Assert.Equal("no scores entered", u.Reason));
    }

    [Fact]
    public async Task Refused_batches_change_nothing_and_say_why()
    {
        var code = Communes.First().Code;
        var commune = _silo.Commune(code, Year);
        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(1)), "xa"));
        var before = await StoredJsonAsync(code);

        var unknownItem = await Refused(commune, ScoreStage.SelfAssessment, new ItemSubmission("9.9", new Core.Scoring.PointsInput(1)));
        Assert.Equal(RejectionKind.InvalidArgument, unknownItem.Kind);
        Assert.Contains("'9.9'", unknownItem.Message, StringComparison.Ordinal);

        var aboveMax = await Refused(commune, ScoreStage.SelfAssessment, new ItemSubmission("3.1", new Core.Scoring.PointsInput(20.5m)));
        Assert.Contains("3.1", aboveMax.Message, StringComparison.Ordinal);
        Assert.Contains("Kỷ luật, kỷ cương hành chính", aboveMax.Message, StringComparison.Ordinal);

        var bOverA = await Refused(commune, ScoreStage.SelfAssessment, new ItemSubmission("2.1", new Core.Scoring.RatioInput(12, 10)));
        Assert.Contains("12/10", bOverA.Message, StringComparison.Ordinal);

        var roundTwoFirst = await Refused(commune, ScoreStage.AppraisalRound2, new ItemSubmission("3.1", new Core.Scoring.PointsInput(1)));
        Assert.Equal(RejectionKind.FailedPrecondition, roundTwoFirst.Kind);

        var surveyBySelf = await Refused(commune, ScoreStage.SelfAssessment, new ItemSubmission("4.1", new Core.Scoring.PointsInput(1)));
        Assert.Contains("survey", surveyBySelf.Message, StringComparison.Ordinal);

        var mixed = await Refused(commune, ScoreStage.SelfAssessment,
            new ItemSubmission("3.1", new Core.Scoring.PointsInput(5)), new ItemSubmission("3.1", new Core.Scoring.PointsInput(6)));
        Assert.Contains("more than once", mixed.Message, StringComparison.Ordinal);

        var empty = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            commune.SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, [], "xa")));
        Assert.Equal(RejectionKind.InvalidArgument, empty.Kind);

        var unknownCommune = await Assert.ThrowsAsync<RequestRejectedException>(() => _silo.Commune("99999", Year)
            .SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(1)), "xa")));
        Assert.Equal(RejectionKind.NotFound, unknownCommune.Kind);

        Assert.Equal(before, await StoredJsonAsync(code));
        Assert.Single(await AuditAsync(code).Select(a => a.IdempotencyKey).Distinct().ToListAsync());
    }

    [Fact]
    public async Task A_resubmitted_idempotency_key_is_applied_once_and_answered_the_same()
    {
        var code = Communes.First().Code;
        var submission = new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(3)), "xa", "batch-0001");

        var first = await _silo.Commune(code, Year).SubmitAsync(submission);
        var again = await _silo.Commune(code, Year).SubmitAsync(submission with { Items = Scores.SelfAssessment(new Random(4)) });

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first with { Replayed = true }, again);
        Assert.Equal(1, (await _silo.Commune(code, Year).GetViewAsync()).Version);
        Assert.Equal(6, await AuditAsync(code).CountAsync());
    }

    [Fact]
    public async Task Appraisal_rounds_set_the_effective_score_and_explanations_keep_points()
    {
        var code = Communes.First().Code;
        var commune = _silo.Commune(code, Year);
        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, [new("3.1", new Core.Scoring.PointsInput(18m))], "xa"));
        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.AppraisalRound1, [new("3.1", new Core.Scoring.PointsInput(12m), Comment: "Thiếu tài liệu kiểm chứng.")], "hoi-dong"));
        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.Explanation, [new("3.1", null, Evidence: ["QĐ 12/QĐ-UBND"], Comment: "Bổ sung quyết định.")], "xa"));
        var afterExplanation = await commune.GetViewAsync();
        Assert.Equal(12m, afterExplanation.Result.Item("3.1").Points);

        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.AppraisalRound2, [new("3.1", new Core.Scoring.PointsInput(16m), Comment: "Đã bổ sung.")], "hoi-dong"));
        var view = await commune.GetViewAsync();
        var item = view.Result.Item("3.1");
        Assert.Equal(16m, item.Points);
        Assert.Equal(2m, item.AppraisalGap);
        Assert.Equal("Đã bổ sung.", item.CouncilComment);
        Assert.Equal("Bổ sung quyết định.", item.Explanation?.Text);

        var selfAfterAppraisal = await Refused(commune, ScoreStage.SelfAssessment, new ItemSubmission("3.1", new Core.Scoring.PointsInput(20m)));
        Assert.Equal(RejectionKind.FailedPrecondition, selfAfterAppraisal.Kind);
        Assert.Equal(["SelfAssessment", "AppraisalRound1", "Explanation", "AppraisalRound2"], await AuditAsync(code).Select(a => a.Stage).ToListAsync());
    }

    [Fact]
    public async Task Writes_after_publication_are_refused()
    {
        var code = Communes.First().Code;
        await _silo.Commune(code, Year).SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(5)), "xa"));
        await _silo.Grain<IPublicationGrain>(GrainKeys.ForPeriod(Province, Period.Annual(Year))).PublishAsync("so-noi-vu");
        var before = await StoredJsonAsync(code);

        var refused = await Refused(_silo.Commune(code, Year), ScoreStage.SelfAssessment, new ItemSubmission("3.1", new Core.Scoring.PointsInput(1)));

        Assert.Equal(RejectionKind.FailedPrecondition, refused.Kind);
        Assert.Contains("published", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await StoredJsonAsync(code));
        Assert.True((await _silo.Ranking(Province, Year).GetRankingAsync(null, 0, 10)).Published);
    }

    [Fact]
    public async Task A_watcher_sees_every_change_in_order_and_ends_on_the_final_ranking()
    {
        var ranking = _silo.Ranking(Province, Year);
        using var subscription = await ranking.SubscribeAsync(null, 0);
        Assert.NotNull(subscription.Snapshot);
        var start = subscription.Snapshot.Version;

        await PlaySeasonAsync(seed: 11);

        var final = await ranking.GetRankingAsync(null, 0, 1000);
        var rows = new Dictionary<string, RankingRow?>();
        var expected = start;
        while (expected < final.Version)
        {
            var change = await subscription.Events.ReadAsync();
            Assert.Equal(++expected, change.Version);
            rows[change.UnitCode] = change.Rows[RankingGrain.Overall];
        }

        // The last row each commune reported is its place at that moment; its index is final.
        Assert.All(final.Rows, r => Assert.Equal(r.Unit.Index, rows[r.Unit.UnitCode]!.Unit.Index));
        Assert.Equal(final.Rows.Count, rows.Count);
    }

    [Fact]
    public async Task A_watcher_resumes_from_its_version_or_gets_a_snapshot_when_it_fell_behind()
    {
        var ranking = _silo.Ranking(Province, Year);
        var slow = await ranking.SubscribeAsync(null, 0);
        await PlaySeasonAsync(seed: 13);
        await PlaySeasonAsync(seed: 14);
        var mid = (await ranking.GetRankingAsync(null, 0, 1)).Version;
        await PlaySeasonAsync(seed: 15);
        await PlaySeasonAsync(seed: 16);
        var end = (await ranking.GetRankingAsync(null, 0, 1)).Version;

        using var resumed = await ranking.SubscribeAsync(null, mid);
        Assert.Null(resumed.Snapshot);
        Assert.Equal(Enumerable.Range((int)mid + 1, (int)(end - mid)).Select(v => (long)v), resumed.Missed.Select(e => e.Version));

        using var fresh = await ranking.SubscribeAsync(null, end + 100);
        Assert.NotNull(fresh.Snapshot);
        Assert.Equal(end, fresh.Snapshot.Version);

        // The slow watcher read nothing; with more than its capacity queued it is told to resync, not given a gap.
        Assert.True(end > 1024);
        var failure = await Assert.ThrowsAsync<RankingResyncRequiredException>(async () =>
        {
            await foreach (var change in slow.Events.ReadAllAsync())
            {
                Assert.True(change.Version <= end);
            }
        });
        Assert.True(failure.DroppedVersion > 0);
        slow.Dispose();
    }

    [Fact]
    public async Task A_framework_put_again_rebuilds_the_ranking_and_restarts_its_watchers()
    {
        var code = Communes.First().Code;
        await _silo.Commune(code, Year).SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, [new("3.1", new Core.Scoring.PointsInput(10m))], "xa"));
        var ranking = _silo.Ranking(Province, Year);
        Assert.Equal("Yếu", (await ranking.GetUnitRankAsync(code, null)).Row?.ClassName); // 10 of 80 evaluated points
        var watcher = await ranking.SubscribeAsync(null, 0);

        var generous = TestFramework.For(Year) with { Bands = [new ClassBand("Xuất sắc", 10m), new ClassBand("Yếu", 0m)] };
        await _silo.Grain<Frameworks.IFrameworkGrain>(GrainKeys.ForYear(Province, Year)).PutAsync(generous);

        Assert.Equal("Xuất sắc", (await ranking.GetUnitRankAsync(code, null)).Row?.ClassName);
        await Assert.ThrowsAsync<RankingResyncRequiredException>(async () => await watcher.Events.WaitToReadAsync());
        watcher.Dispose();
    }

    private async Task PlaySeasonAsync(int seed)
    {
        var random = new Random(seed);
        foreach (var commune in Communes)
        {
            var grain = _silo.Commune(commune.Code, Year);
            foreach (var item in Scores.SelfAssessment(random))
            {
                var view = await grain.GetViewAsync();
                var appraised = view.Card.Items.TryGetValue(item.ItemCode, out var entry) && entry.Appraisal1 is not null;
                await grain.SubmitAsync(new ScoreSubmission(appraised ? ScoreStage.AppraisalRound1 : ScoreStage.SelfAssessment, [item], "xa"));
            }
        }
    }

    private async Task<Dictionary<string, CommuneState>> StoredStatesAsync()
    {
        var states = new Dictionary<string, CommuneState>();
        foreach (var commune in Communes)
        {
            if (await StoredJsonAsync(commune.Code) is { } json)
            {
                states[commune.Code] = JsonSerializer.Deserialize<CommuneState>(json, JsonSerializerOptions.Web)!;
            }
        }

        return states;
    }

    private async Task AssertRankingsEqualFreshComputationAsync(Dictionary<string, CommuneState> stored)
    {
        var framework = Framework.Create(TestFramework.For(Year));
        var results = stored.ToDictionary(s => s.Key, s => ScorecardCalculator.Compute(framework, s.Value.ToScorecard(s.Key, Period.Annual(Year))));
        foreach (var field in new string?[] { null, "1", "2", "3", "4" })
        {
            var expected = Ranker.Rank(Communes.Select(c => results.TryGetValue(c.Code, out var r)
                ? field is null ? RankCandidate.Overall(r) : RankCandidate.ForNode(r, field)
                : new RankCandidate(c.Code, c.Name, null, "no scores entered")));
            var actual = await _silo.Ranking(Province, Year).GetRankingAsync(field, 0, 1000);
            Assert.Equal(expected.Ranked, actual.Rows.Select(r => r.Unit));
            Assert.Equal(expected.Unranked.Select(u => u.UnitCode), actual.Unranked.Select(u => u.UnitCode));
        }
    }

    private async Task<string?> StoredJsonAsync(string code) =>
        (await _silo.Storage.ReadAsync(CommuneGrain.StateName, $"commune/{GrainKeys.ForPeriod(code, Period.Annual(Year))}"))?.Payload;

    private IAsyncEnumerable<AuditEntry> AuditAsync(string code) => _silo.Storage.ReadAuditAsync(code, Period.Annual(Year).ToString());

    private static Task<RequestRejectedException> Refused(ICommuneGrain commune, ScoreStage stage, params ItemSubmission[] items) =>
        Assert.ThrowsAsync<RequestRejectedException>(() => commune.SubmitAsync(new ScoreSubmission(stage, items, "xa")));

    private static string Describe(RankingView view) =>
        string.Join('\n', view.Rows.Select(r => $"{r.Unit.UnitCode} {r.Unit.Index} {r.Unit.Rank} {r.ClassName} {r.Provisional}"));
}
