using Cchc.Core.Deadlines;

namespace Cchc.Core.Tests;

public sealed class DeadlineRulesTests
{
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);

    // Hải Dương's 2023 self-assessment: 1 to 31 October, "hoàn thành trước ngày 31/10/2023" read as until 23:59:59.
    private static readonly StageWindow SelfWindow = new(DeadlineStage.SelfAssessment,
        new DateTimeOffset(2023, 10, 1, 0, 0, 0, Hanoi), new DateTimeOffset(2023, 10, 31, 23, 59, 59, Hanoi));

    private static readonly Period Year2023 = Period.Annual(2023);

    [Fact]
    public void A_write_inside_the_window_is_open_and_the_close_itself_is_not()
    {
        var applied = new AppliedWindow("30", SelfWindow);
        Assert.Null(DeadlineRules.Refusal(applied, Year2023, "11116", SelfWindow.OpensAt));
        Assert.Null(DeadlineRules.Refusal(applied, Year2023, "11116", SelfWindow.ClosesAt.AddTicks(-1)));
        Assert.NotNull(DeadlineRules.Refusal(applied, Year2023, "11116", SelfWindow.ClosesAt));
    }

    [Fact]
    public void A_late_write_reads_when_the_window_was_open_and_whom_to_ask()
    {
        var refusal = DeadlineRules.Refusal(new AppliedWindow("30", SelfWindow), Year2023, "11116", new DateTimeOffset(2023, 11, 2, 9, 0, 0, Hanoi));

        Assert.Equal(
            "Self-assessment for 2023 in province 30 was open from 01/10/2023 00:00 to 31/10/2023 23:59 (Vietnam time, UTC+7); " +
            "it closed on 31/10/2023 23:59. Ask the province administrator for an extension.",
            refusal);
    }

    [Fact]
    public void An_early_write_reads_when_the_window_opens()
    {
        // 30/09/2023 20:00 in Hà Nội is 13:00 UTC: the window is not open yet although the UTC date is the same.
        var refusal = DeadlineRules.Refusal(new AppliedWindow("298", SelfWindow), Year2023, "11116", new DateTimeOffset(2023, 9, 30, 13, 0, 0, TimeSpan.Zero));

        Assert.Equal(
            "Self-assessment for 2023 in district 298 opens on 01/10/2023 00:00 and closes on 31/10/2023 23:59 (Vietnam time, UTC+7); " +
            "commune 11116 can enter it from 01/10/2023 00:00.",
            refusal);
    }

    [Fact]
    public void An_extension_keeps_the_window_open_for_its_commune_until_it_ends_too()
    {
        var until = new DateTimeOffset(2023, 11, 6, 0, 0, 0, Hanoi);
        var extended = new AppliedWindow("30", SelfWindow, until);

        Assert.Equal(until, extended.ClosesAt);
        Assert.Null(DeadlineRules.Refusal(extended, Year2023, "11116", new DateTimeOffset(2023, 11, 5, 23, 0, 0, Hanoi)));
        Assert.Equal(
            "Self-assessment for 2023 in province 30 was open from 01/10/2023 00:00 to 31/10/2023 23:59 (Vietnam time, UTC+7), " +
            "and for commune 11116 extended until 05/11/2023 24:00; that extension ended on 05/11/2023 24:00. Ask the province administrator for a further extension.",
            DeadlineRules.Refusal(extended, Year2023, "11116", until));
    }

    [Fact]
    public void An_extension_older_than_a_later_window_close_does_not_cut_it_short()
    {
        var stale = new AppliedWindow("30", SelfWindow, SelfWindow.ClosesAt.AddDays(-3));
        Assert.Equal(SelfWindow.ClosesAt, stale.ClosesAt);
    }

    [Fact]
    public void The_districts_window_governs_where_it_has_one_else_the_provinces()
    {
        var province = new AppliedWindow("30", SelfWindow);
        var district = new AppliedWindow("298", SelfWindow with { ClosesAt = SelfWindow.ClosesAt.AddDays(5) });

        Assert.Same(district, DeadlineRules.Choose(district, province));
        Assert.Same(province, DeadlineRules.Choose(null, province));
        Assert.Null(DeadlineRules.Choose(null, null));
    }

    [Fact]
    public void An_extension_must_give_more_time_than_the_window()
    {
        Assert.Null(DeadlineRules.ExtensionProblem(SelfWindow, SelfWindow.ClosesAt.AddSeconds(1)));
        Assert.Equal(
            "An extension of self-assessment must close after the window does: the window closes on 31/10/2023 23:59, " +
            "the extension asks 30/10/2023 24:00 (Vietnam time, UTC+7); give a later close.",
            DeadlineRules.ExtensionProblem(SelfWindow, new DateTimeOffset(2023, 10, 31, 0, 0, 0, Hanoi)));
    }
}
