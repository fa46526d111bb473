using Cchc.Core.Frameworks;
using Cchc.Core.Progress;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;
using Cchc.Core.Tests.Support;

namespace Cchc.Core.Tests;

/// <summary>
/// Progress counted against real frameworks. Hải Dương 2022 with bonus and penalty has 25 leaves: 23 not survey-based
/// (R: 1.1–1.7, 2, 3, 4, 5, 6, 7.1.1–7.1.7, 7.2, 8, the bonus 11 and the penalty 12) and 2 survey-based (S: 9, 10).
/// Thái Nguyên 2021 has 16 leaves and no survey.
/// </summary>
public sealed class ProgressTests
{
    private static readonly Cchc.Core.Frameworks.Framework HaiDuong = TestFrameworks.HaiDuong2022WithBonusAndPenalty();
    private static readonly Cchc.Core.Frameworks.Framework ThaiNguyen = TestFrameworks.ThaiNguyen2021();

    private static readonly string[] Regular =
        ["1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7", "2", "3", "4", "5", "6", "7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.1.5", "7.1.6", "7.1.7", "7.2", "8", "11", "12"];

    [Fact]
    public void A_commune_with_nothing_entered_has_none_of_every_stage()
    {
        var progress = ProgressCounter.Count(HaiDuong, new Dictionary<string, LeafStages>());

        // 7 + 5 + 7 + 1 + 1 + 2 = 23 regular leaves; 9 and 10 are the survey.
        Assert.Equal(new CommuneProgress(23, 2, 0, 0, 0, 0, 0, 0), progress);
        Assert.Equal(
            (ProgressStatus.None, ProgressStatus.None, ProgressStatus.None, ProgressStatus.None),
            (progress.SelfAssessment, progress.AppraisalRound1, progress.AppraisalRound2, progress.Survey));
        Assert.Equal(CommuneProgress.Nothing(23, 2), progress);
    }

    [Fact]
    public void Stages_are_counted_per_leaf_and_an_explanation_is_pending_where_round_1_took_points_off_and_nothing_followed()
    {
        var items = Regular.ToDictionary(c => c, c => Self(new PointsInput(0m)), StringComparer.Ordinal);

        // Round 1 took points off, nothing followed: pending.
        items["1.3"] = Both(new PointsInput(2m), new PointsInput(1.5m));            // manual 2 → 1.5
        items["1.1"] = Both(new YesNoInput(true), new YesNoInput(false));           // yes/no, max 2: 2 → 0
        items["1.2"] = Both(new FaultsInput(0), new FaultsInput(1));                // 0.5 per fault, max 2: 2 → 1.5
        items["11"] = Both(new CountInput(2), new CountInput(1));                   // bonus 0.5 each: 1 → 0.5
        items["12"] = Both(new PointsInput(0m), new PointsInput(1m));               // penalty: 0 deducted → 1 deducted

        // Points taken off, but answered: explained, or re-scored in round 2.
        items["1.4"] = Both(new PointsInput(2m), new PointsInput(1.5m)) with { Explained = true };
        items["1.5"] = Both(new PointsInput(2m), new PointsInput(1.5m)) with { Round2Entered = true };

        // Round 1 took nothing off: the same ratio, more points, or nothing to compare against ("not evaluated").
        items["7.1.1"] = Both(new RatioInput(408, 637), new RatioInput(408, 637));
        items["2"] = Both(new PointsInput(4m), new PointsInput(4.5m));
        items["3"] = new LeafStages { SelfEntered = true, Self = null, Round1Entered = true, Round1 = new PointsInput(10m) };

        // Survey: 9 entered, 10 not.
        items["9"] = new LeafStages { Surveyed = true };

        var progress = ProgressCounter.Count(HaiDuong, items);

        // Self: all 23 (3's "not evaluated" counts). Round 1: 1.3, 1.1, 1.2, 11, 12, 1.4, 1.5, 7.1.1, 2, 3 = 10.
        // Explained: 1.4 = 1. Round 2: 1.5 = 1. Survey: 9 = 1 of 2. Pending: 1.3, 1.1, 1.2, 11, 12 = 5.
        Assert.Equal(new CommuneProgress(23, 2, 23, 10, 1, 1, 1, 5), progress);
        Assert.Equal(
            (ProgressStatus.All, ProgressStatus.Some, ProgressStatus.Some, ProgressStatus.Some),
            (progress.SelfAssessment, progress.AppraisalRound1, progress.AppraisalRound2, progress.Survey));
    }

    [Fact]
    public void A_framework_without_survey_items_has_no_survey_stage_and_foreign_entries_are_left_out()
    {
        var items = new Dictionary<string, LeafStages>(StringComparer.Ordinal)
        {
            ["1.1"] = Self(new YesNoInput(true)),
            ["3.2.4"] = Self(new PointsInput(14m)) with { Surveyed = true },   // survey points on a regular leaf: not a survey
            ["3.2"] = Self(new PointsInput(1m)),                              // a group, not a leaf
            ["9.9"] = Self(new PointsInput(1m)),                              // not in the framework
        };

        var progress = ProgressCounter.Count(ThaiNguyen, items);

        // 3 + 1 + 1 + 4 + 3 + 1 + 1 + 1 + 1 = 16 leaves, none survey-based; 2 of them self-assessed.
        Assert.Equal(new CommuneProgress(16, 0, 2, 0, 0, 0, 0, 0), progress);
        Assert.Equal((ProgressStatus.Some, ProgressStatus.NotApplicable), (progress.SelfAssessment, progress.Survey));
        Assert.Equal(ProgressStatus.NotApplicable, ProgressCounter.Count(ThaiNguyen, new Dictionary<string, LeafStages>()).Survey);
    }

    [Fact]
    public void Stage_status_is_all_some_or_none_of_the_items_it_covers()
    {
        Assert.Equal(
            [ProgressStatus.NotApplicable, ProgressStatus.None, ProgressStatus.Some, ProgressStatus.Some, ProgressStatus.All],
            [CommuneProgress.StatusOf(0, 0), CommuneProgress.StatusOf(0, 23), CommuneProgress.StatusOf(1, 23), CommuneProgress.StatusOf(22, 23), CommuneProgress.StatusOf(23, 23)]);
    }

    [Fact]
    public void A_value_the_leaf_method_does_not_take_has_nothing_to_compare()
    {
        // 1.3 is manual: a ratio is not its input (a framework replaced since the value was stored).
        var leaf = HaiDuong.Node("1.3");

        Assert.False(ProgressCounter.TookPointsOff(leaf, new RatioInput(1, 2), new PointsInput(0m)));
        Assert.True(ProgressCounter.TookPointsOff(leaf, new PointsInput(1m), new PointsInput(0.75m)));
        Assert.False(ProgressCounter.TookPointsOff(leaf, new PointsInput(1m), new PointsInput(1m)));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void A_computed_scorecard_counts_the_progress_its_stages_count_with_each_stage_scored_again(int seed)
    {
        // An independent path: Count(framework, stages) scores self and round 1 again with each leaf's method, where
        // Count(result) compares the points the computation gave them. 200 random communes on each framework.
        var random = new Random(seed);
        foreach (var framework in new[] { HaiDuong, ThaiNguyen, TestFrameworks.HaiDuong2022() })
        {
            for (var commune = 0; commune < 200; commune++)
            {
                var items = new Dictionary<string, ItemEntry>(StringComparer.Ordinal);
                var stages = new Dictionary<string, LeafStages>(StringComparer.Ordinal);
                foreach (var leaf in framework.Leaves)
                {
                    if (random.Next(6) == 0)
                    {
                        continue;
                    }

                    var surveyBased = framework.IsSurveyBased(leaf.Code);
                    var (selfEntered, self) = surveyBased ? (false, null) : RandomStage(random, leaf);
                    var (round1Entered, round1) = surveyBased ? (false, null) : RandomStage(random, leaf);
                    var (round2Entered, round2) = surveyBased ? (false, null) : RandomStage(random, leaf);
                    var explained = !surveyBased && random.Next(4) == 0;
                    var surveyed = surveyBased && random.Next(3) > 0;
                    decimal? surveyPoints = surveyed && random.Next(4) > 0 ? Quarters(random, leaf.Max) : null;

                    // What a stage entered without an input marks: "not evaluated" (the latest such stage decides).
                    var marks = (selfEntered && self is null ? EnteredStages.Self : 0) | (round1Entered && round1 is null ? EnteredStages.Appraisal1 : 0)
                        | (round2Entered && round2 is null ? EnteredStages.Appraisal2 : 0) | (surveyed && surveyPoints is null ? EnteredStages.Survey : 0);
                    var latestMarked = round2Entered ? round2 is null : round1Entered ? round1 is null : selfEntered && self is null;
                    items[leaf.Code] = new ItemEntry
                    {
                        Self = self,
                        Appraisal1 = round1,
                        Appraisal2 = round2,
                        Explanation = explained ? new Explanation("Đã khắc phục", []) : null,
                        SurveyPoints = surveyPoints,
                        NotEvaluated = latestMarked || (surveyed && surveyPoints is null),
                        Entered = marks,
                    };
                    stages[leaf.Code] = new LeafStages
                    {
                        SelfEntered = selfEntered,
                        Self = self,
                        Round1Entered = round1Entered,
                        Round1 = round1,
                        Explained = explained,
                        Round2Entered = round2Entered,
                        Surveyed = surveyed,
                    };
                }

                var result = ScorecardCalculator.Compute(framework, new Scorecard("00001", "Xã Thử", Cards.Year2022, items));

                Assert.Equal(ProgressCounter.Count(framework, stages), ProgressCounter.Count(result));
            }
        }
    }

    [Fact]
    public void A_stage_marked_not_evaluated_counts_as_entered_and_a_stage_with_a_value_needs_no_mark()
    {
        var items = new Dictionary<string, ItemEntry>(StringComparer.Ordinal)
        {
            ["1.1"] = new() { NotEvaluated = true, Entered = EnteredStages.Self },
            ["1.2"] = new() { Self = new FaultsInput(0), Appraisal1 = new FaultsInput(2) },
            ["1.3"] = new() { Self = new PointsInput(2m), Appraisal1 = new PointsInput(1.5m), Explanation = new("Đã bổ sung hồ sơ", []) },
            ["9"] = new() { NotEvaluated = true, Entered = EnteredStages.Survey },
        };

        var progress = ProgressCounter.Count(ScorecardCalculator.Compute(HaiDuong, new Scorecard("00001", "Xã Thử", Cards.Year2022, items)));

        // Self: 1.1 (marked), 1.2, 1.3 = 3. Round 1: 1.2, 1.3 = 2. Explained: 1.3. Survey: 9 (marked) of 2.
        // Pending: 1.2 only (2 faults at 0.5 each took 1 point off; 1.3's was explained).
        Assert.Equal(new CommuneProgress(23, 2, 3, 2, 1, 0, 1, 1), progress);
    }

    [Fact]
    public void Scope_totals_count_every_commune_once_per_stage_and_follow_a_commune_that_moves_on()
    {
        var nothing = CommuneProgress.Nothing(23, 2);
        var selfDone = new CommuneProgress(23, 2, 23, 0, 0, 0, 2, 0);
        var waiting = new CommuneProgress(23, 2, 23, 23, 1, 0, 1, 4);

        var totals = ScopeProgress.Of([nothing, selfDone, waiting, nothing]);

        // Self: all = selfDone, waiting; none = 2 × nothing. Round 1: all = waiting; none = 3. Round 2: none = 4.
        // Survey: all = selfDone (2 of 2); some = waiting (1 of 2); none = 2. Pending: 1 commune, 4 items. Explained 1.
        Assert.Equal(
            new ScopeProgress(4, new(2, 0, 2, 0), new(1, 0, 3, 0), new(0, 0, 4, 0), new(1, 1, 2, 0), 1, 4, 1),
            totals);

        // The waiting commune explains 4 items and round 2 re-scores 10: it leaves the pending count.
        var answered = waiting with { Explained = 5, AppraisedRound2 = 10, ExplanationsPending = 0 };
        var moved = totals.Remove(waiting).Add(answered);

        Assert.Equal(
            new ScopeProgress(4, new(2, 0, 2, 0), new(1, 0, 3, 0), new(0, 1, 3, 0), new(1, 1, 2, 0), 0, 0, 5),
            moved);
        Assert.Equal(ScopeProgress.Of([nothing, selfDone, answered, nothing]), moved);
        Assert.Equal(4, moved.SelfAssessment.Communes);
    }

    // Not entered, entered as "not evaluated" (no input), or a value the leaf's method takes.
    private static (bool Entered, ScoreInput? Input) RandomStage(Random random, FrameworkNode leaf) => random.Next(5) switch
    {
        0 => (false, null),
        1 => (true, null),
        2 => (true, leaf.Method switch
        {
            RatioMethod => new RatioInput(random.Next(4), 3 + random.Next(2)) is var r && random.Next(4) == 0 ? new RatioInput(0, 0) : r,
            YesNoMethod => new YesNoInput(random.Next(2) == 0),
            DeductionPerFaultMethod => new FaultsInput(random.Next(5)),
            CountTargetMethod or BonusMethod { PointsPerCount: not null } or PenaltyMethod { PointsPerCount: not null } => new CountInput(random.Next(6)),
            _ => new PointsInput(Quarters(random, leaf.Max)),
        }),
        _ => (true, new PointsInput(Quarters(random, leaf.Max))),
    };

    private static decimal Quarters(Random random, decimal max) => random.Next((int)(max * 4) + 1) / 4m;

    private static LeafStages Self(ScoreInput input) => new() { SelfEntered = true, Self = input };

    private static LeafStages Both(ScoreInput self, ScoreInput round1) =>
        new() { SelfEntered = true, Self = self, Round1Entered = true, Round1 = round1 };
}
