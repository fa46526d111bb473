using System.CommandLine;
using System.Text.RegularExpressions;
using Cchc.Api.V1;
using Cchc.Cli.Commands;

namespace Cchc.Cli.Tests;

/// <summary><c>cchc compare</c> for half-years and quarters (--year with --half/--quarter and --against) beside the --year-a/--year-b form.</summary>
public sealed partial class CompareCommandTests
{
    [Theory]
    [InlineData("--quarter 3 --against previous", PeriodKind.Quarter, 3, ComparisonBasis.PreviousPeriod)]
    [InlineData("--quarter 3 --against last-year", PeriodKind.Quarter, 3, ComparisonBasis.SamePeriodLastYear)]
    [InlineData("--half 2 --against previous", PeriodKind.HalfYear, 2, ComparisonBasis.PreviousPeriod)]
    [InlineData("--against last-year", PeriodKind.Year, 0, ComparisonBasis.SamePeriodLastYear)]
    public void A_period_is_compared_against_its_previous_period_or_the_same_one_a_year_earlier(string options, PeriodKind kind, int number, ComparisonBasis basis)
    {
        var result = Parse($"compare --scope 30 --year 2024 {options} --commune 11116");

        Assert.Empty(result.Errors);
        var request = ((CompareCommand)result.CommandResult.Command).ToPeriodsRequest(result);
        Assert.Equal(("30", "11116", new Period { Year = 2024, Kind = kind, Number = number }, basis, (Period?)null),
            (request.ScopeCode, request.UnitCode, request.Period, request.Against, request.EarlierPeriod));
    }

    [Theory]
    [InlineData("2023-Q4", PeriodKind.Quarter, 4)]
    [InlineData("2023-h2", PeriodKind.HalfYear, 2)]
    [InlineData("2022", PeriodKind.Year, 0)]
    public void An_earlier_period_can_be_written_out(string against, PeriodKind kind, int number)
    {
        var result = Parse($"compare --scope 30 --year 2024 --quarter 1 --against {against}");

        var request = ((CompareCommand)result.CommandResult.Command).ToPeriodsRequest(result);

        Assert.Equal((ComparisonBasis.Unspecified, new Period { Year = int.Parse(against[..4], System.Globalization.CultureInfo.InvariantCulture), Kind = kind, Number = number }),
            (request.Against, request.EarlierPeriod));
    }

    [Theory]
    [InlineData("compare --scope 30 --year 2024 --quarter 3 --against monthly", "--against: 'monthly' is not previous, last-year, or a period such as 2023-Q4")]
    [InlineData("compare --scope 30 --year 2024 --quarter 3 --against 2023-Q5", "--against: '2023-Q5' is not previous")]
    [InlineData("compare --scope 30 --year 2024 --quarter 3", "Give --year-a and --year-b to compare two years, or --year [--half N | --quarter N] with --against")]
    [InlineData("compare --scope 30", "Give --year-a and --year-b to compare two years")]
    [InlineData("compare --scope 30 --year-a 2023 --year-b 2024 --quarter 3", "Give --year-a and --year-b, or --year with --against, not both.")]
    [InlineData("compare --scope 30 --year-a 2023", "Give both --year-a and --year-b")]
    [InlineData("compare --scope 30 --year 2024 --half 1 --quarter 2 --against previous", "Give --half or --quarter, not both")]
    public void Incomplete_or_mixed_forms_give_a_clear_error(string commandLine, string message)
    {
        var result = Parse(commandLine);

        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quarters_compare_against_the_real_server_and_a_kind_the_framework_does_not_serve_is_refused()
    {
        await using var server = await CchcServerProcess.StartAsync();
        var at = $"--server {server.Address}";
        var admin = await InProcessCli.TokenAsync(server, "--role province-admin --province 30");
        var officer = await InProcessCli.TokenAsync(server, "--role commune-officer --province 30 --commune 11116");
        Assert.Equal(ExitCodes.Success, (await InProcessCli.RunAsync($"units import --file {Samples.Units} {at} --token {admin}")).Code);
        var put = await InProcessCli.RunAsync($"framework put --province 30 --year 2022 --periods year,quarter --file {Samples.Framework} {at} --token {admin}");
        Assert.True(put.Code == ExitCodes.Success, put.Output);

        // The same self-assessment in both quarters: the same index, ranked 1st of 1 both times.
        var q1 = await InProcessCli.RunAsync($"scores submit --commune 11116 --year 2022 --quarter 1 --stage self --file {Samples.SelfScores} {at} --token {officer}");
        var q2 = await InProcessCli.RunAsync($"scores submit --commune 11116 --year 2022 --quarter 2 --stage self --file {Samples.SelfScores} {at} --token {officer}");
        Assert.True(q1.Code == ExitCodes.Success && q2.Code == ExitCodes.Success, q1.Output + q2.Output);
        var index = IndexNow().Match(q2.Output).Groups[1].Value;
        Assert.Equal(IndexNow().Match(q1.Output).Groups[1].Value, index);
        foreach (var quarter in new[] { 1, 2 })
        {
            // Scores reach the ranking after the write returns.
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (!(await InProcessCli.RunAsync($"ranking --scope 30 --year 2022 --quarter {quarter} {at} --token {admin}")).Output.Contains("Xã Quang Khải", StringComparison.Ordinal))
            {
                deadline.Token.ThrowIfCancellationRequested();
            }
        }

        var compared = await InProcessCli.RunAsync($"compare --scope 30 --year 2022 --quarter 2 --against previous --commune 11116 {at} --token {admin}");
        var halves = await InProcessCli.RunAsync($"compare --scope 30 --year 2022 --half 2 --against previous {at} --token {admin}");

        Assert.True(compared.Code == ExitCodes.Success, compared.Output);
        Assert.Contains("Xã Quang Khải (11116): Quý 1/2022 so với Quý 2/2022", compared.Output, StringComparison.Ordinal);
        Assert.Contains("Chỉ số Quý 1/2022", compared.Output, StringComparison.Ordinal);
        Assert.Contains("Hạng Quý 1/2022 → Quý 2/2022", compared.Output, StringComparison.Ordinal);
        var overall = compared.Output.Split('\n').Single(l => l.Contains("Chỉ số CCHC chung", StringComparison.Ordinal));
        Assert.Matches($@"│ Chỉ số CCHC chung\s+│\s+{Regex.Escape(index)} │\s+{Regex.Escape(index)} │\s+0\.00 │ .+ │\s+1/1 → 1/1 │ giữ nguyên", overall);

        Assert.Equal(ExitCodes.Refused, halves.Code);
        Assert.Contains("The server refused (FAILED_PRECONDITION):", halves.Output, StringComparison.Ordinal);
        Assert.Contains("The 2022 framework of province 30 does not serve half-year periods; it serves year, quarter.", halves.Output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"Index now ([0-9.]+)%")]
    private static partial Regex IndexNow();

    private static ParseResult Parse(string commandLine) =>
        CchcCli.CreateRootCommand(new CliContext { Console = new TestConsole().Console, Environment = _ => null }).Parse(commandLine);
}
