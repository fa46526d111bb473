using System.Data.Common;
using System.Globalization;
using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;
using Cchc.Grains.Audit;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Publication;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;
using Cchc.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Grains.Tests;

/// <summary>
/// The grains on real silos over real storage (SQLite and PostgreSQL subclasses), with the real units of Đà Nẵng
/// (province 48: 8 districts, 47 communes) as of 1 March 2025. The test framework has 100 points of which the survey
/// field holds 20, so a commune with only item 3.1 entered at p points has index p / 80 × 100.
/// </summary>
public abstract class SeasonTests(IStorageTarget target) : IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private readonly UnitEdition _units = SharedData.ThreeTierProvince(Province);
    private CchcCluster _cluster = null!;
    private StorageOptions _storage = null!;

    private IReadOnlyList<UnitRecord> Communes => [.. _units.Communes];

    public async Task InitializeAsync()
    {
        _storage = await target.CreateAsync();
        _cluster = await CchcCluster.StartAsync(_storage);
        await _cluster.SeedAsync(_units, Year);
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

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
                await _cluster.Commune(code, Year).SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(random), $"writer-{writer}"));
                count++;
            }

            return count;
        })));

        var stored = await StoredStatesAsync();
        Assert.Equal(acknowledged.Sum(), stored.Values.Sum(s => s.Version));
        foreach (var (code, state) in stored)
        {
            Assert.Equal(6 * state.Version, await _cluster.AuditAsync(code, Year).CountAsync());
        }

        await AssertRankingsEqualFreshComputationAsync(stored);
    }

    [Fact]
    public async Task Rankings_after_a_restart_equal_the_rankings_before()
    {
        var version = await PlaySeasonAsync(seed: 7);
        var before = await RankingAtAsync(Province, version);
        var district = Communes[0].ParentCode;
        var districtBefore = await _cluster.Ranking(district, Year).GetRankingAsync("2", 0, 1000);

        await _cluster.DisposeAsync();
        _cluster = await CchcCluster.StartAsync(_storage);

        var after = await _cluster.Ranking(Province, Year).GetRankingAsync(null, 0, 1000);
        Assert.Equal(Describe(before), Describe(after));
        Assert.Equal(before.Version, after.Version);
        Assert.Equal(Describe(districtBefore), Describe(await _cluster.Ranking(district, Year).GetRankingAsync("2", 0, 1000)));
    }

    [Fact]
    public async Task Twenty_one_communes_tied_at_the_top_share_rank_one()
    {
        foreach (var commune in Communes.Take(21))
        {
            await _cluster.Commune(commune.Code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 20m)));
        }

        await _cluster.Commune(Communes[21].Code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));

        await RankingAtAsync(Province, 22);
        var view = await _cluster.Ranking(Province, Year).GetUnitRankAsync(Communes[0].Code, null);
        Assert.NotNull(view.Row);
        Assert.Equal(new RankPlace(1, 1, 2, 21, 22), view.Row.Rank);
        Assert.Equal(25.00m, view.Row.Index); // 20 of 80 evaluated points
        Assert.Equal(22, view.UnitCount);
        var ranking = await _cluster.Ranking(Province, Year).GetRankingAsync(null, 0, 0);
        Assert.Equal(Communes.Count - 22, ranking.Unranked.Count);
        Assert.All(ranking.Unranked, u => Assert.Equal("no scores entered", u.Reason));
        var unranked = await _cluster.Ranking(Province, Year).GetUnitRankAsync(Communes[30].Code, null);
        Assert.Equal((null, "no scores entered"), (unranked.Row, unranked.UnrankedReason));
    }

    [Fact]
    public async Task Refused_batches_change_nothing_and_say_why()
    {
        var code = Communes[0].Code;
        var commune = _cluster.Commune(code, Year);
        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(1)), "xa"));
        var before = await RowsAsync(code);

        var unknownItem = await Refused(commune, ScoreStage.SelfAssessment, Scores.Points("9.9", 1));
        Assert.Equal(RejectionKind.InvalidArgument, unknownItem.Kind);
        Assert.Contains("'9.9'", unknownItem.Message, StringComparison.Ordinal);

        var aboveMax = await Refused(commune, ScoreStage.SelfAssessment, Scores.Points("3.1", 20.5m));
        Assert.Contains("3.1", aboveMax.Message, StringComparison.Ordinal);
        Assert.Contains("Kỷ luật, kỷ cương hành chính", aboveMax.Message, StringComparison.Ordinal);

        var bOverA = await Refused(commune, ScoreStage.SelfAssessment, new ItemSubmission("2.1", ScoreValue.OfRatio(12, 10)));
        Assert.Contains("12/10", bOverA.Message, StringComparison.Ordinal);

        var incomplete = await Refused(commune, ScoreStage.SelfAssessment, new ItemSubmission("2.1", new ScoreValue("ratio", Numerator: 3)));
        Assert.Contains("incomplete", incomplete.Message, StringComparison.Ordinal);

        var roundTwoFirst = await Refused(commune, ScoreStage.AppraisalRound2, Scores.Points("3.1", 1));
        Assert.Equal(RejectionKind.FailedPrecondition, roundTwoFirst.Kind);

        var surveyBySelf = await Refused(commune, ScoreStage.SelfAssessment, Scores.Points("4.1", 1));
        Assert.Contains("survey", surveyBySelf.Message, StringComparison.Ordinal);

        var mixed = await Refused(commune, ScoreStage.SelfAssessment, Scores.Points("3.1", 5), Scores.Points("3.1", 6));
        Assert.Contains("more than once", mixed.Message, StringComparison.Ordinal);

        var empty = await Assert.ThrowsAsync<RequestRejectedException>(() => commune.SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, [], "xa")));
        Assert.Equal(RejectionKind.InvalidArgument, empty.Kind);

        var unknownCommune = await Assert.ThrowsAsync<RequestRejectedException>(() => _cluster.Commune("99999", Year)
            .SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(1)), "xa")));
        Assert.Equal(RejectionKind.NotFound, unknownCommune.Kind);

        Assert.Equal(before, await RowsAsync(code));
    }

    [Fact]
    public async Task A_resubmitted_idempotency_key_is_applied_once_and_answered_the_same()
    {
        var code = Communes[0].Code;
        var submission = new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(3)), "xa", "batch-0001");

        var first = await _cluster.Commune(code, Year).SubmitAsync(submission);
        var again = await _cluster.Commune(code, Year).SubmitAsync(submission with { Items = Scores.SelfAssessment(new Random(4)) });

        Assert.False(first.Replayed);
        Assert.True(again.Replayed);
        Assert.Equal(first with { Replayed = true }, again);
        Assert.Equal(1, (await _cluster.Commune(code, Year).GetScorecardAsync()).Version);
        Assert.Equal(6, await _cluster.AuditAsync(code, Year).CountAsync());
    }

    [Fact]
    public async Task Appraisal_rounds_set_the_effective_score_and_explanations_keep_points()
    {
        var code = Communes[0].Code;
        var commune = _cluster.Commune(code, Year);
        await commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 18m)));
        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.AppraisalRound1, [Scores.Points("3.1", 12m, "Thiếu tài liệu kiểm chứng.")], "hoi-dong"));
        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.Explanation, [new ItemSubmission("3.1", null, "Bổ sung quyết định.", ["QĐ 12/QĐ-UBND"])], "xa"));
        Assert.Equal(12m, Node(await commune.GetScorecardAsync(), "3.1").EffectivePoints);

        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.AppraisalRound2, [Scores.Points("3.1", 16m, "Đã bổ sung.")], "hoi-dong"));
        var view = await commune.GetScorecardAsync();
        var item = Node(view, "3.1");
        Assert.Equal((16m, 18m, 16m, 2m), (item.EffectivePoints, item.SelfPoints!.Value, item.AppraisedPoints!.Value, item.AppraisalDeduction));
        Assert.Equal("Đã bổ sung.", item.CouncilComment);
        Assert.Equal("Bổ sung quyết định.", item.Explanation);

        // The totals row: only field 3 is evaluated by appraisal; fields 1 and 2 count as missing (0 of 60), survey not evaluated.
        Assert.Equal((ScorecardNodeView.TotalName, 100m, 80m, 16m, 64m, 2m), (view.Total.Name, view.Total.Max, view.Total.EvaluatedMax,
            view.Total.EffectivePoints, view.Total.LostPoints, view.Total.AppraisalDeduction));
        Assert.Equal(20.00m, view.Index); // 16 / 80
        Assert.Equal(["1", "2", "3", "4"], view.Total.Children.Select(f => f.Code));

        var selfAfterAppraisal = await Refused(commune, ScoreStage.SelfAssessment, Scores.Points("3.1", 20m));
        Assert.Equal(RejectionKind.FailedPrecondition, selfAfterAppraisal.Kind);
        Assert.Equal(["SelfAssessment", "AppraisalRound1", "Explanation", "AppraisalRound2"], await _cluster.AuditAsync(code, Year).Select(a => a.Stage).ToListAsync());
    }

    [Fact]
    public async Task Publication_records_each_communes_chain_head_and_refuses_later_writes()
    {
        var code = Communes[0].Code;
        await _cluster.Commune(code, Year).SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(5)), "xa"));
        await RankingAtAsync(Province, 1);
        var published = await _cluster.Ranking(Province, Year).PublishAsync("so-noi-vu");
        var before = await RowsAsync(code);

        var refused = await Refused(_cluster.Commune(code, Year), ScoreStage.SelfAssessment, Scores.Points("3.1", 1));

        Assert.Equal(RejectionKind.FailedPrecondition, refused.Kind);
        Assert.Contains("published", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await RowsAsync(code));
        Assert.True((await _cluster.Ranking(Province, Year).GetRankingAsync(null, 0, 10)).Published);
        Assert.Equal((1, "so-noi-vu", _cluster.Clock.GetUtcNow()), (published.UnitCount, published.Principal, published.PublishedAt));
        Assert.Equal(published, await _cluster.Ranking(Province, Year).PublishAsync("someone-else"));

        // Every commune's chain head is in the publication record (nothing entered: version 0, no hash), and the one
        // commune with a score row is checked against its entries.
        var key = GrainKeys.ForPeriod(Province, Period.Annual(Year));
        var heads = await _cluster.Grain<IPublicationGrain>(key).GetChainHeadsAsync();
        Assert.Equal(Communes.Select(c => c.Code).Order(StringComparer.Ordinal), heads!.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(1, heads[code].Version);
        Assert.Matches("^[0-9a-f]{64}$", heads[code].Hash);
        Assert.Equal(new ChainHead(0, null), heads[Communes[1].Code]);
        var audit = await _cluster.Grain<IAuditGrain>(key).VerifyAsync();
        Assert.Equal((true, true, true, Communes.Count, 1), (audit.Intact, audit.Published, audit.HeadsRecorded, audit.Communes, audit.ScoreRowsChecked));
        var framework = await Assert.ThrowsAsync<RequestRejectedException>(() =>
            _cluster.Grain<IFrameworkGrain>(GrainKeys.ForYear(Province, Year)).PutAsync(TestFramework.For(Year)));
        Assert.Equal(RejectionKind.FailedPrecondition, framework.Kind);
    }

    [Fact]
    public async Task A_one_item_write_appends_one_row_and_rewrites_nothing()
    {
        var code = Communes[0].Code;
        var commune = _cluster.Commune(code, Year);
        await commune.SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(new Random(8)), "xa"));
        for (var i = 2; i <= CommuneGrain.SnapshotEvery; i++)
        {
            await commune.SubmitAsync(Scores.Self(Scores.Points("3.1", i % 20)));
        }

        var atSnapshot = await RowsAsync(code);
        Assert.Equal((6L + 31, CommuneGrain.SnapshotEvery, (long?)CommuneGrain.SnapshotEvery), (atSnapshot.AuditRows, atSnapshot.Version, atSnapshot.SnapshotVersion));

        await commune.SubmitAsync(Scores.Self(Scores.Points("1.1", 7m) with { Value = ScoreValue.OfYesNo(true) }));

        var after = await RowsAsync(code);
        Assert.Equal(atSnapshot.AuditRows + 1, after.AuditRows);
        Assert.Equal(atSnapshot.Version + 1, after.Version);
        Assert.Equal((atSnapshot.SnapshotVersion, atSnapshot.SnapshotPayload), (after.SnapshotVersion, after.SnapshotPayload));
        var added = Assert.Single((await _cluster.StreamAsync(code, Year)).Events);
        Assert.Equal(("1.1", atSnapshot.Version + 1, "yes"), (added.ItemCode, added.Version, added.NewValue));
    }

    [Fact]
    public async Task Activation_from_a_snapshot_equals_a_full_replay_of_the_events()
    {
        var code = Communes[0].Code;
        var random = new Random(21);
        for (var i = 0; i < CommuneGrain.SnapshotEvery + 8; i++)
        {
            await _cluster.Commune(code, Year).SubmitAsync(new ScoreSubmission(ScoreStage.SelfAssessment, Scores.SelfAssessment(random), "xa"));
        }

        var before = await _cluster.Commune(code, Year).GetScorecardAsync();
        await _cluster.DisposeAsync();
        _cluster = await CchcCluster.StartAsync(_storage);

        var stream = await _cluster.StreamAsync(code, Year);
        Assert.Equal(CommuneGrain.SnapshotEvery, stream.Snapshot!.Version);
        Assert.Equal(8 * 6, stream.Events.Count); // activation replays only the batches after the snapshot
        var activated = await _cluster.Commune(code, Year).GetScorecardAsync();
        var everyEvent = await _cluster.AuditAsync(code, Year).ToListAsync();
        var replayed = CommuneState.FromStream(new StoredStream(stream.Version, null, everyEvent), CommuneState.Empty(Communes[0].Name, Province, Communes[0].ParentCode));
        var fromReplay = ScorecardCalculator.Compute(Framework.Create(TestFramework.Definition(Year)), replayed.ToScorecard(code, Period.Annual(Year)));

        Assert.Equal(Describe(before.Total), Describe(activated.Total));
        Assert.Equal((before.Version, before.Index), (activated.Version, activated.Index));
        Assert.Equal(fromReplay.Index, activated.Index);
        Assert.Equal(fromReplay.Total.Achieved, activated.Total.EffectivePoints);
        Assert.All(fromReplay.Items, i => Assert.Equal(i.Points ?? 0m, Node(activated, i.Code).EffectivePoints));
    }

    [Fact]
    public async Task After_a_storage_failure_the_next_write_succeeds_and_a_resent_key_applies_once()
    {
        var code = Communes[0].Code;
        var commune = _cluster.Commune(code, Year);
        await commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        var failing = new ScoreSubmission(ScoreStage.SelfAssessment, [Scores.Points("3.1", 12m)], "xa", "k-outage");

        await using (await target.BreakAsync(_storage))
        {
            var failure = await Assert.ThrowsAsync<StorageUnavailableException>(() => commune.SubmitAsync(failing));
            Assert.Contains(code, failure.Message, StringComparison.Ordinal);
        }

        var resent = await commune.SubmitAsync(failing);
        var replayed = await commune.SubmitAsync(failing);
        var next = await commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 14m)));

        Assert.Equal((2L, false, 15.00m), (resent.Version, resent.Replayed, resent.Index!.Value)); // 12 / 80
        Assert.Equal(resent with { Replayed = true }, replayed);
        Assert.Equal(3, next.Version);
        Assert.Equal(["10", "12", "14"], await _cluster.AuditAsync(code, Year).Select(a => a.NewValue!).ToListAsync());
        Assert.Equal(3, (await _cluster.StreamAsync(code, Year)).Version);

        // Grains activated during the outage failed and are activated again on the next call; a connection that
        // Orleans' grain storage pooled before the restart fails one read (UNAVAILABLE) before its pool is cleared.
        RankingView? ranking = null;
        for (var attempt = 0; ranking is null; attempt++)
        {
            try
            {
                ranking = await RankingAtAsync(Province, 3);
            }
            catch (StorageUnavailableException) when (attempt < 3)
            {
            }
        }

        Assert.Equal(17.50m, ranking.Rows.Single(r => r.UnitCode == code).Index);
    }

    [Fact]
    public async Task A_batch_cancelled_by_its_caller_before_the_commit_writes_nothing()
    {
        // A long lock wait, so that the held writer stays held while the cancelled batch waits behind it.
        await _cluster.DisposeAsync();
        _cluster = await CchcCluster.StartAsync(_storage with { SqliteBusyTimeout = TimeSpan.FromSeconds(60) });
        var (blocker, cancelled) = (Communes[1].Code, Communes[2].Code);
        await _cluster.Commune(blocker, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 5m)));

        // Everything activated before the writer is held: only the two batches touch the database while it is.
        await RankingAtAsync(Province, 1);
        await _cluster.Ranking(Communes[1].ParentCode, Year).GetRankingAsync(null, 0, 1);
        await _cluster.Commune(cancelled, Year).GetScoresAsync();
        var store = _cluster.Services.GetRequiredService<ScoreStorage>();
        using var cancel = new CancellationTokenSource();

        Task<SubmitOutcome> blocked;
        await using (await target.HoldWriterAsync(_storage, CommuneGrain.StreamIdOf(blocker, Period.Annual(Year))))
        {
            var formed = store.BatchesFormed;
            blocked = _cluster.Commune(blocker, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 6m)));
            Assert.True(SpinWait.SpinUntil(() => store.BatchesFormed > formed, TimeSpan.FromSeconds(30)), "the blocker's batch never reached the writer");
            var call = _cluster.Commune(cancelled, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 20m)), cancel.Token);
            Assert.True(SpinWait.SpinUntil(() => store.QueuedAppends > 0, TimeSpan.FromSeconds(30)), "the cancelled batch never queued");
            await cancel.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        }

        Assert.Equal(2, (await blocked).Version);
        Assert.Equal(StoredStream.Empty, await _cluster.StreamAsync(cancelled, Year));
        Assert.Empty(await _cluster.AuditAsync(cancelled, Year).ToListAsync());
        Assert.Equal(1, (await _cluster.Commune(cancelled, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 8m)))).Version);
    }

    [Fact]
    public async Task While_a_write_waits_for_the_database_the_commune_reports_its_last_stored_scores_and_the_write_after_it_commits()
    {
        var code = Communes[3].Code;
        var commune = _cluster.Commune(code, Year);
        await commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 10m), new ItemSubmission("1.1", ScoreValue.OfYesNo(true))));
        var store = _cluster.Services.GetRequiredService<ScoreStorage>();

        Task<SubmitOutcome> held;
        await using (await target.HoldWriterAsync(_storage, CommuneGrain.StreamIdOf(code, Period.Annual(Year))))
        {
            var formed = store.BatchesFormed;
            held = commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 20m)));
            Assert.True(SpinWait.SpinUntil(() => store.BatchesFormed > formed, TimeSpan.FromSeconds(30)), "the held batch never reached the writer");

            // The ranking's question interleaves with the write in flight: it must not see what is not yet stored.
            var during = await commune.GetSummaryAsync();
            Assert.Equal((1L, 25.00m), (during!.Version, during.Index)); // (10 + 10) / 80
        }

        Assert.Equal(2, (await held).Version);
        var after = await commune.GetSummaryAsync();
        Assert.Equal((2L, 37.50m), (after!.Version, after.Index)); // (10 + 20) / 80
        var items = (await commune.GetScoresAsync()).State.Items;
        Assert.Equal((2, true, 20m), (items.Count, items["1.1"].Self!.Yes, items["3.1"].Self!.Points));
    }

    [Fact]
    public async Task A_batch_another_writer_stored_first_is_read_and_the_write_decided_again()
    {
        var code = Communes[0].Code;
        var commune = _cluster.Commune(code, Year);
        await commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));

        // Another silo's activation of the same commune (as during a failover) appends version 2 behind this one's back.
        var foreign = StageValue.From(Scores.Points("1.1", 0) with { Value = ScoreValue.OfYesNo(true) }, _cluster.Clock.GetUtcNow(), "other-silo");
        await _cluster.Storage.AppendAsync(new StreamAppend(CommuneGrain.StreamIdOf(code, Period.Annual(Year)), 1,
            [new AuditEntry(_cluster.Clock.GetUtcNow(), "other-silo", code, Year.ToString(CultureInfo.InvariantCulture), "1.1", "SelfAssessment", null, "yes", [], null, null, ScoreJson.Write(foreign))]));

        var outcome = await commune.SubmitAsync(Scores.Self(Scores.Points("3.1", 12m)));

        Assert.Equal(3, outcome.Version);
        Assert.Equal(27.50m, outcome.Index); // (10 + 12) / 80: the other writer's 1.1 counts
        var view = await commune.GetScorecardAsync();
        Assert.Equal((10m, 12m), (Node(view, "1.1").EffectivePoints, Node(view, "3.1").EffectivePoints));
    }

    [Fact]
    public async Task Lost_points_and_what_if_are_answered_by_the_commune()
    {
        var (a, b) = (Communes[0], Communes.First(c => c.ParentCode == Communes[0].ParentCode && c.Code != Communes[0].Code));
        await _cluster.Commune(a.Code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(b.Code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await RankingAtAsync(Province, 2);

        var view = await _cluster.Commune(a.Code, Year).GetLostPointsAsync(["3.1"]);

        // Fields 1 and 2 were not entered: every leaf there is lost whole, biggest first; 3.1 lost 10.
        Assert.Equal(["2.1", "2.2", "1.1", "1.2", "1.3", "3.1"], view.Items.Select(i => i.Code));
        Assert.Equal([15m, 15m, 10m, 10m, 10m, 10m], view.Items.Select(i => i.Lost));
        var whatIf = view.WhatIf!;
        Assert.Equal((12.50m, 25.00m, 10m), (whatIf.CurrentIndex, whatIf.NewIndex, whatIf.PointsGained)); // 10/80 → 20/80
        Assert.Equal((2, 1), (whatIf.CurrentProvinceRank!.CompetitionRank, whatIf.NewProvinceRank!.CompetitionRank));
        Assert.Equal((2, 1), (whatIf.CurrentDistrictRank!.CompetitionRank, whatIf.NewDistrictRank!.CompetitionRank));
        Assert.Equal("Yếu", whatIf.NewClass);

        var unknown = await Assert.ThrowsAsync<RequestRejectedException>(() => _cluster.Commune(a.Code, Year).GetLostPointsAsync(["3.1", "9.9"]));
        Assert.Equal(RejectionKind.InvalidArgument, unknown.Kind);
        Assert.Contains("9.9", unknown.Message, StringComparison.Ordinal);
        Assert.Null((await _cluster.Commune(a.Code, Year).GetLostPointsAsync([])).WhatIf);
    }

    [Fact]
    public async Task A_scorecard_shows_the_commune_in_its_province_and_district_rankings()
    {
        var (a, b) = (Communes[0], Communes.First(c => c.ParentCode != Communes[0].ParentCode));
        await _cluster.Commune(a.Code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(b.Code, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await RankingAtAsync(Province, 2);

        var view = await _cluster.Commune(a.Code, Year).GetScorecardAsync();

        Assert.Equal((a.Name, Province, a.ParentCode), (view.UnitName, view.ProvinceCode, view.DistrictCode));
        Assert.Equal((2, 2), (view.ProvinceRank!.Rank.CompetitionRank, view.ProvinceRank.Rank.UnitCount));
        Assert.Equal((1, 1), (view.DistrictRank!.Rank.CompetitionRank, view.DistrictRank.Rank.UnitCount));
        Assert.True(view.Provisional);
    }

    [Fact]
    public async Task Years_of_one_scope_compare_by_index_and_places_and_an_earlier_year_without_framework_leaves_rows_empty()
    {
        var (a, b) = (Communes[0].Code, Communes[1].Code);
        await _cluster.Grain<IFrameworkGrain>(GrainKeys.ForYear(Province, 2023)).PutAsync(TestFramework.For(2023));
        await _cluster.Commune(a, 2023).SubmitAsync(Scores.Self(Scores.Points("3.1", 20m)));
        await _cluster.Commune(b, 2023).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(a, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 10m)));
        await _cluster.Commune(b, Year).SubmitAsync(Scores.Self(Scores.Points("3.1", 15m)));
        await RankingAtAsync(Province, 2);

        var comparison = await _cluster.Grain<Comparison.IComparisonGrain>(Province).CompareYearsAsync(2023, Year, null);

        Assert.Equal(Communes.Count, comparison.Units.Count);
        var (rowB, rowA) = (comparison.Units[0], comparison.Units[1]);
        Assert.Equal((b, 12.50m, 18.75m, 6.25m, 1, "tăng 1 bậc"), (rowB.UnitCode, rowB.Overall.IndexA, rowB.Overall.IndexB, rowB.Overall.IndexChange, rowB.Overall.Places, rowB.Overall.Phrase));
        Assert.Equal((a, 25.00m, 12.50m, -12.50m, -1, "giảm 1 bậc"), (rowA.UnitCode, rowA.Overall.IndexA, rowA.Overall.IndexB, rowA.Overall.IndexChange, rowA.Overall.Places, rowA.Overall.Phrase));
        Assert.Equal([a], rowA.ComparedWithCodes);
        Assert.Equal(["1", "2", "3", "4"], rowA.Fields.Select(f => f.FieldCode));
        Assert.Null(rowA.MissingReason);

        var one = Assert.Single((await _cluster.Grain<Comparison.IComparisonGrain>(Province).CompareYearsAsync(2023, Year, a)).Units);
        Assert.Equal((rowA.UnitCode, rowA.Overall), (one.UnitCode, one.Overall));

        var noEarlier = await _cluster.Grain<Comparison.IComparisonGrain>(Province).CompareYearsAsync(2022, Year, a);
        var empty = noEarlier.Units.Single();
        Assert.Equal((null, 12.50m), (empty.Overall.IndexA, empty.Overall.IndexB));
        Assert.Contains("Province 48 has no framework for 2022", empty.MissingReason, StringComparison.Ordinal);

        var backwards = await Assert.ThrowsAsync<RequestRejectedException>(() => _cluster.Grain<Comparison.IComparisonGrain>(Province).CompareYearsAsync(Year, 2023, null));
        Assert.Equal(RejectionKind.InvalidArgument, backwards.Kind);
        var noLater = await Assert.ThrowsAsync<RequestRejectedException>(() => _cluster.Grain<Comparison.IComparisonGrain>(Province).CompareYearsAsync(2023, 2026, null));
        Assert.Equal(RejectionKind.FailedPrecondition, noLater.Kind);
        Assert.Contains("Province 48 has no framework for 2026", noLater.Message, StringComparison.Ordinal);
    }

    private async Task<long> PlaySeasonAsync(int seed)
    {
        var random = new Random(seed);
        var batches = 0L;
        foreach (var commune in Communes)
        {
            var grain = _cluster.Commune(commune.Code, Year);
            foreach (var item in Scores.SelfAssessment(random))
            {
                var appraised = (await grain.GetScoresAsync()).State.Items.TryGetValue(item.ItemCode, out var entry) && entry.Appraisal1 is not null;
                await grain.SubmitAsync(new ScoreSubmission(appraised ? ScoreStage.AppraisalRound1 : ScoreStage.SelfAssessment, [item], "xa"));
                batches++;
            }
        }

        return batches;
    }

    /// <summary>The province ranking once it has applied every commune's notification (they travel one way).</summary>
    private async Task<RankingView> RankingAtAsync(string scope, long version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var view = await _cluster.Ranking(scope, Year).GetRankingAsync(null, 0, 1000);
            if (view.Version >= version || DateTime.UtcNow > deadline)
            {
                Assert.Equal(version, view.Version);
                return view;
            }

            await Task.Yield();
        }
    }

    private async Task<Dictionary<string, CommuneState>> StoredStatesAsync()
    {
        var states = new Dictionary<string, CommuneState>();
        foreach (var commune in Communes)
        {
            var stream = await _cluster.StreamAsync(commune.Code, Year);
            if (stream.Version > 0)
            {
                states[commune.Code] = CommuneState.FromStream(stream, CommuneState.Empty(commune.Name, Province, commune.ParentCode));
            }
        }

        return states;
    }

    private async Task AssertRankingsEqualFreshComputationAsync(Dictionary<string, CommuneState> stored)
    {
        var framework = Framework.Create(TestFramework.Definition(Year));
        var results = stored.ToDictionary(s => s.Key, s => ScorecardCalculator.Compute(framework, s.Value.ToScorecard(s.Key, Period.Annual(Year))));
        await RankingAtAsync(Province, stored.Values.Sum(s => s.Version));
        foreach (var field in new string?[] { null, "1", "2", "3", "4" })
        {
            var expected = Ranker.Rank(Communes.Select(c => results.TryGetValue(c.Code, out var r)
                ? field is null ? RankCandidate.Overall(r) : RankCandidate.ForNode(r, field)
                : new RankCandidate(c.Code, c.Name, null, "no scores entered")));
            var actual = await _cluster.Ranking(Province, Year).GetRankingAsync(field, 0, 1000);
            Assert.Equal(expected.Ranked, actual.Rows.Select(r => new RankedUnit(r.UnitCode, r.Name, r.Index, r.Rank.ToAnswer())));
            Assert.Equal(expected.Unranked.Select(u => u.UnitCode), actual.Unranked.Select(u => u.UnitCode));
        }
    }

    /// <summary>What the database holds for a commune's stream: audit rows, version, snapshot.</summary>
    private async Task<(long AuditRows, long Version, long? SnapshotVersion, string? SnapshotPayload)> RowsAsync(string code)
    {
        var stream = CommuneGrain.StreamIdOf(code, Period.Annual(Year));
        await using var connection = await target.OpenRawAsync(_storage);
        await using var command = connection.CreateCommand();
        command.CommandText =
            $"SELECT (SELECT count(*) FROM score_audit WHERE grain_id = '{stream}'), " +
            $"(SELECT version FROM score_stream WHERE grain_id = '{stream}'), " +
            $"(SELECT version FROM score_snapshot WHERE grain_id = '{stream}'), " +
            $"(SELECT payload FROM score_snapshot WHERE grain_id = '{stream}')";
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        return (Long(reader, 0) ?? 0, Long(reader, 1) ?? 0, Long(reader, 2), reader.IsDBNull(3) ? null : reader.GetString(3));
    }

    private static long? Long(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : Convert.ToInt64(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    private static ScorecardNodeView Node(ScorecardView view, string code) => Find(view.Total, code) ?? throw new KeyNotFoundException(code);

    private static ScorecardNodeView? Find(ScorecardNodeView node, string code) =>
        node.Code == code ? node : node.Children.Select(c => Find(c, code)).FirstOrDefault(n => n is not null);

    private static Task<RequestRejectedException> Refused(ICommuneGrain commune, ScoreStage stage, params ItemSubmission[] items) =>
        Assert.ThrowsAsync<RequestRejectedException>(() => commune.SubmitAsync(new ScoreSubmission(stage, items, "xa")));

    private static string Describe(RankingView view) =>
        string.Join('\n', view.Rows.Select(r => $"{r.UnitCode} {r.Index} {r.Rank} {r.ClassName} {r.Provisional}"));

    private static string Describe(ScorecardNodeView node) =>
        $"{node.Code} {node.EvaluatedMax} {node.SelfPoints} {node.EffectivePoints} {node.LostPoints} {node.Index}\n" + string.Concat(node.Children.Select(Describe));
}
