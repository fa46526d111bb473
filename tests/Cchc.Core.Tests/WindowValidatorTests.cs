using Cchc.Core.Deadlines;

namespace Cchc.Core.Tests;

public sealed class WindowValidatorTests
{
    private static WindowDraft Draft(DeadlineStage? stage, string opens, string closes) => new(stage, opens, closes);

    [Fact]
    public void A_season_of_windows_one_after_another_stands_and_the_survey_may_overlap_them()
    {
        var result = WindowValidator.Validate(
        [
            Draft(DeadlineStage.AppraisalRound1, "2023-11-01T00:00:00+07:00", "2023-11-16T00:00:00+07:00"),
            Draft(DeadlineStage.SelfAssessment, "2023-10-01T00:00:00+07:00", "2023-11-01T00:00:00+07:00"),
            Draft(DeadlineStage.Explanation, "2023-11-16T00:00:00+07:00", "2023-11-21T00:00:00+07:00"),
            Draft(DeadlineStage.AppraisalRound2, "2023-11-21T00:00:00+07:00", "2023-12-01T00:00:00+07:00"),
            Draft(DeadlineStage.Survey, "2023-10-15T00:00:00+07:00", "2023-12-15T00:00:00+07:00"),
        ]);

        Assert.Empty(result.Problems);
        Assert.Equal(Enum.GetValues<DeadlineStage>(), result.Windows.Select(w => w.Stage));
        var self = result.Windows[0];
        Assert.Equal(new DateTimeOffset(2023, 9, 30, 17, 0, 0, TimeSpan.Zero), self.OpensAt);
        Assert.Equal("01/10/2023 00:00 to 31/10/2023 24:00", self.Span);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_and_no_window_stands()
    {
        var result = WindowValidator.Validate(
        [
            Draft(DeadlineStage.SelfAssessment, "2023-10-31T00:00:00+07:00", "2023-10-01T00:00:00+07:00"),
            Draft(null, "2023-10-01T00:00:00+07:00", "2023-10-02T00:00:00+07:00"),
            Draft(DeadlineStage.Survey, "mai", "2023-10-02T00:00:00+07:00"),
            Draft(DeadlineStage.SelfAssessment, "2023-10-01T00:00:00+07:00", "2023-10-02T00:00:00+07:00"),
            Draft(DeadlineStage.Explanation, "2023-11-01T00:00:00+07:00", "2023-11-01T00:00:00+07:00"),
        ]);

        Assert.Empty(result.Windows);
        Assert.Equal(
        [
            "Window 1 (self-assessment): a window whose end precedes its start: it closes 30/09/2023 24:00 before it opens 31/10/2023 00:00 (Vietnam time, UTC+7); give a close after the open.",
            "Window 2 names no stage; give one of self-assessment, appraisal round 1, explanation, appraisal round 2, survey.",
            "Window 3 (survey): the opening time 'mai' is not an RFC 3339 time with an offset; write it like 2023-10-31T23:59:59+07:00.",
            "Window 4 (self-assessment): self-assessment is given twice (windows 1 and 4); give each stage once.",
            "Window 5 (explanation): the window closes at the moment it opens (01/11/2023 00:00, Vietnam time, UTC+7); give a close after the open.",
        ], result.Problems);
    }

    [Fact]
    public void Overlapping_windows_of_consecutive_stages_are_named_with_their_dates()
    {
        var result = WindowValidator.Validate(
        [
            Draft(DeadlineStage.SelfAssessment, "2023-10-01T00:00:00+07:00", "2023-11-01T00:00:00+07:00"),
            Draft(DeadlineStage.AppraisalRound1, "2023-10-25T00:00:00+07:00", "2023-11-16T00:00:00+07:00"),
        ]);

        Assert.Equal(
            "Appraisal round 1 (25/10/2023 00:00 to 15/11/2023 24:00) overlaps self-assessment (01/10/2023 00:00 to 31/10/2023 24:00) (Vietnam time, UTC+7): " +
            "the stages follow one another, so appraisal round 1 may open at 01/11/2023 00:00 at the earliest.",
            Assert.Single(result.Problems));
    }

    [Fact]
    public void A_later_stage_before_an_earlier_one_is_out_of_order_even_across_a_missing_stage()
    {
        // No explanation window: round 2 still follows round 1.
        var result = WindowValidator.Validate(
        [
            Draft(DeadlineStage.AppraisalRound1, "2023-11-01T00:00:00+07:00", "2023-11-16T00:00:00+07:00"),
            Draft(DeadlineStage.AppraisalRound2, "2023-10-01T00:00:00+07:00", "2023-10-10T00:00:00+07:00"),
        ]);

        Assert.StartsWith("Appraisal round 2 (01/10/2023 00:00 to 09/10/2023 24:00) comes before appraisal round 1 (01/11/2023 00:00 to 15/11/2023 24:00)",
            Assert.Single(result.Problems), StringComparison.Ordinal);
    }

    [Fact]
    public void Windows_that_touch_do_not_overlap_because_a_close_is_exclusive()
    {
        var result = WindowValidator.Validate(
        [
            Draft(DeadlineStage.SelfAssessment, "2023-10-01T00:00:00+07:00", "2023-10-31T17:00:00Z"),
            Draft(DeadlineStage.AppraisalRound1, "2023-11-01T00:00:00+07:00", "2023-11-16T00:00:00+07:00"),
        ]);

        Assert.True(result.IsValid, string.Join("\n", result.Problems));
    }

    [Fact]
    public void More_windows_than_stages_are_refused_without_reading_them()
    {
        var drafts = Enumerable.Repeat(Draft(DeadlineStage.Survey, "x", "y"), 6).ToList();
        Assert.Equal("6 windows were given; there are 5 stages, so give at most one window for each.", Assert.Single(WindowValidator.Validate(drafts).Problems));
    }

    [Fact]
    public void No_windows_is_valid_and_leaves_every_stage_open() =>
        Assert.True(WindowValidator.Validate([]).IsValid);
}
