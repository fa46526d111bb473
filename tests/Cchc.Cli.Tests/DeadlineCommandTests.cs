using System.CommandLine;
using System.Globalization;
using Cchc.Api.V1;
using Cchc.Cli.Commands;

namespace Cchc.Cli.Tests;

/// <summary>
/// The three deadline commands: what they send (days as whole Vietnam days), what they refuse before sending, and a
/// round trip against the real server with Hải Dương's sample units (Huyện Tứ Kỳ), where a window stops a commune's
/// self-assessment, an extension lets it in, and `show` prints the audit log.
/// </summary>
public sealed class DeadlineCommandTests
{
    private static readonly TimeSpan Hanoi = TimeSpan.FromHours(7);

    [Fact]
    public void Days_are_whole_Vietnam_days_and_times_pass_as_given()
    {
        var result = Parse("deadlines set --scope 30 --year 2023 --window self-assessment=01/10/2023..31/10/2023 " +
            "--window appraisal-1=2023-11-01T08:00:00+07:00..15/11/2023 --window survey=2023-10-01T01:00:00Z..2023-12-01T10:00:00Z");

        Assert.Empty(result.Errors);
        var request = ((DeadlinesSetCommand)result.CommandResult.Command).ToRequest(result);
        Assert.Equal(("30", 2023), (request.ScopeCode, request.Period.Year));
        Assert.Equal(
        [
            new StageWindow { Stage = Stage.SelfAssessment, OpensAt = "2023-10-01T00:00:00+07:00", ClosesAt = "2023-11-01T00:00:00+07:00" },
            new StageWindow { Stage = Stage.AppraisalRound1, OpensAt = "2023-11-01T08:00:00+07:00", ClosesAt = "2023-11-16T00:00:00+07:00" },
            new StageWindow { Stage = Stage.Survey, OpensAt = "2023-10-01T08:00:00+07:00", ClosesAt = "2023-12-01T17:00:00+07:00" },
        ], request.Windows);
    }

    [Fact]
    public void An_extension_until_a_day_runs_to_the_end_of_it()
    {
        var result = Parse("deadlines extend --scope 298 --year 2023 --half 2 --commune 11116 --stage self-assessment --until 05/11/2023 --reason \"Bão số 3\"");

        Assert.Empty(result.Errors);
        var request = ((DeadlinesExtendCommand)result.CommandResult.Command).ToRequest(result);
        Assert.Equal(
            new ExtendDeadlineRequest
            {
                ScopeCode = "298", Period = new Period { Year = 2023, Kind = PeriodKind.HalfYear, Number = 2 }, CommuneCode = "11116",
                Stage = Stage.SelfAssessment, ClosesAt = "2023-11-06T00:00:00+07:00", Reason = "Bão số 3",
            },
            request);
    }

    [Theory]
    [InlineData("deadlines set --scope 30 --year 2023", "Give at least one --window STAGE=FROM..TO, or --clear")]
    [InlineData("deadlines set --scope 30 --year 2023 --clear --window self=01/10/2023..31/10/2023", "Give --window or --clear, not both.")]
    [InlineData("deadlines set --scope 30 --year 2023 --window self=01/10/2023", "--window: 'self=01/10/2023' must be STAGE=FROM..TO")]
    [InlineData("deadlines set --scope 30 --year 2023 --window tham-dinh=01/10/2023..31/10/2023", "--window: 'tham-dinh' is not a stage")]
    [InlineData("deadlines set --scope 30 --year 2023 --window self=31/02/2023..31/03/2023", "'31/02/2023' in 'self=31/02/2023..31/03/2023' is neither a day dd/MM/yyyy nor an RFC 3339 time")]
    [InlineData("deadlines extend --scope 30 --year 2023 --commune 11116 --stage self --until mai --reason x", "--until: 'mai' is neither a day")]
    [InlineData("deadlines extend --scope 30 --year 2023 --commune 11116 --stage self --until 05/11/2023", "--reason")]
    [InlineData("deadlines show --scope 3 --year 2023", "--scope: '3' is not a unit code")]
    public void Bad_values_give_a_clear_error(string commandLine, string message)
    {
        var result = Parse(commandLine);
        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_window_stops_a_late_self_assessment_an_extension_lets_it_in_and_show_prints_the_log()
    {
        await using var server = await CchcServerProcess.StartAsync();
        var at = $"--server {server.Address}";
        var admin = await InProcessCli.TokenAsync(server, "--role province-admin --province 30");
        var officer = await InProcessCli.TokenAsync(server, "--role commune-officer --province 30 --commune 11116");
        Assert.Equal(ExitCodes.Success, (await InProcessCli.RunAsync($"units import --file {Samples.Units} {at} --token {admin}")).Code);
        Assert.Equal(ExitCodes.Success, (await InProcessCli.RunAsync($"framework put --province 30 --year 2022 --file {Samples.Framework} {at} --token {admin}")).Code);

        // Self-assessment ran for twenty days and ended yesterday (Vietnam days); appraisal round 1 runs from today for ten.
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(Hanoi).DateTime);
        string Day(int offset) => today.AddDays(offset).ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);
        var set = await InProcessCli.RunAsync(
            $"deadlines set --scope 30 --year 2022 --window self-assessment={Day(-20)}..{Day(-1)} --window appraisal-round-1={Day(0)}..{Day(9)} {at} --token {admin}");
        Assert.True(set.Code == ExitCodes.Success, set.Output);
        Assert.Contains("Set 2 window(s) of 30 for năm 2022.", set.Output, StringComparison.Ordinal);
        Assert.Contains($"{Day(-20)} 00:00", set.Output, StringComparison.Ordinal);
        Assert.Contains($"{Day(-1)} 24:00", set.Output, StringComparison.Ordinal);

        var late = await InProcessCli.RunAsync($"scores submit --commune 11116 --year 2022 --stage self --file {Samples.SelfScores} {at} --token {officer}");
        Assert.Equal(ExitCodes.Refused, late.Code);
        Assert.Contains("The server refused (FAILED_PRECONDITION):", late.Output, StringComparison.Ordinal);
        Assert.Contains(
            $"Self-assessment for 2022 in province 30 was open from {Day(-20)} 00:00 to {Day(-1)} 24:00 (Vietnam time, UTC+7); it closed on {Day(-1)} 24:00.",
            Flat(late.Output), StringComparison.Ordinal);

        var byOfficer = await InProcessCli.RunAsync(
            $"deadlines extend --scope 30 --year 2022 --commune 11116 --stage self --until {Day(3)} --reason \"Tự gia hạn\" {at} --token {officer}");
        Assert.Equal(ExitCodes.Refused, byOfficer.Code);
        Assert.Contains("The server refused (PERMISSION_DENIED):", byOfficer.Output, StringComparison.Ordinal);

        var extend = await InProcessCli.RunAsync(
            $"deadlines extend --scope 30 --year 2022 --commune 11116 --stage self-assessment --until {Day(3)} --reason \"Xã bị ảnh hưởng bão số 3\" {at} --token {admin}");
        Assert.True(extend.Code == ExitCodes.Success, extend.Output);
        Assert.Contains("Extended self-assessment (Tự đánh giá) for commune 11116 Xã Quang Khải in 30, năm 2022:", Flat(extend.Output), StringComparison.Ordinal);
        Assert.Contains($"until {Day(3)} 24:00 (was {Day(-1)} 24:00; Vietnam time, UTC+7).", extend.Output, StringComparison.Ordinal);

        var submitted = await InProcessCli.RunAsync($"scores submit --commune 11116 --year 2022 --stage self --file {Samples.SelfScores} {at} --token {officer}");
        Assert.True(submitted.Code == ExitCodes.Success, submitted.Output);

        var show = await InProcessCli.RunAsync($"deadlines show --scope 30 --year 2022 {at} --token {officer}");
        Assert.True(show.Code == ExitCodes.Success, show.Output);
        Assert.Contains("Thẩm định vòng 1", show.Output, StringComparison.Ordinal);
        Assert.Contains("Extensions (gia hạn), oldest first: 1", show.Output, StringComparison.Ordinal);
        Assert.Contains("Xã bị ảnh hưởng bão số 3", Flat(show.Output), StringComparison.Ordinal);
        Assert.Contains("dev-province-admin-30", Flat(show.Output), StringComparison.Ordinal);

        var overlapping = await InProcessCli.RunAsync(
            $"deadlines set --scope 30 --year 2022 --window self={Day(-20)}..{Day(1)} --window appraisal-1={Day(0)}..{Day(9)} {at} --token {admin}");
        Assert.Equal(ExitCodes.Refused, overlapping.Code);
        Assert.Contains("The server refused (INVALID_ARGUMENT):", overlapping.Output, StringComparison.Ordinal);
        Assert.Contains($"overlaps self-assessment ({Day(-20)} 00:00 to {Day(1)} 24:00)", Flat(overlapping.Output), StringComparison.Ordinal);
    }

    // Spectre wraps long lines at the test console's width.
    private static string Flat(string output) => string.Join(' ', output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));

    private static ParseResult Parse(string commandLine) =>
        CchcCli.CreateRootCommand(new CliContext { Console = new TestConsole().Console, Environment = _ => null }).Parse(commandLine);
}
