using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Commands;

namespace Cchc.Cli.Tests;

/// <summary>How <c>cchc reliability</c> and <c>cchc history</c> read their options, before any call.</summary>
public sealed class AnalysisCommandLineTests
{
    [Theory]
    [InlineData("", ReliabilitySort.Unspecified, SortDirection.Unspecified)]
    [InlineData("--sort gap --ascending", ReliabilitySort.Gap, SortDirection.Ascending)]
    [InlineData("--sort self", ReliabilitySort.Self, SortDirection.Unspecified)]
    [InlineData("--sort appraised --descending", ReliabilitySort.Appraised, SortDirection.Descending)]
    [InlineData("--sort over", ReliabilitySort.ItemsOver, SortDirection.Unspecified)]
    [InlineData("--sort NAME --descending", ReliabilitySort.Name, SortDirection.Descending)]
    public void Reliability_reads_the_sort_and_its_direction(string options, ReliabilitySort sort, SortDirection direction)
    {
        var result = Parse($"reliability --scope 30 --year 2023 --field 2 {options}");

        var request = ((ReliabilityCommand)result.CommandResult.Command).ToRequest(result);

        Assert.Empty(result.Errors);
        Assert.Equal(("30", 2023, PeriodKind.Year, "2", sort, direction),
            (request.ScopeCode, request.Period.Year, request.Period.Kind, request.FieldCode, request.Sort, request.Direction));
    }

    [Fact]
    public void Reliability_reads_a_quarter()
    {
        var result = Parse("reliability --scope 298 --year 2023 --quarter 3");

        var request = ((ReliabilityCommand)result.CommandResult.Command).ToRequest(result);

        Assert.Empty(result.Errors);
        Assert.Equal((PeriodKind.Quarter, 3, ""), (request.Period.Kind, request.Period.Number, request.FieldCode));
    }

    [Theory]
    [InlineData("reliability --scope 30 --year 2023 --sort size", "--sort: 'size' is not a sort; give one of gap, self, appraised, over, name.")]
    [InlineData("reliability --scope 30 --year 2023 --ascending --descending", "Give --ascending or --descending, not both.")]
    [InlineData("reliability --scope 3 --year 2023", "--scope: '3' is not a unit code")]
    [InlineData("reliability --scope 30 --year 2023 --field 2.1", "--field: '2.1' is not a field code")]
    [InlineData("history --commune 1940", "--commune: '1940' is not a unit code")]
    public void Mistakes_are_caught_before_any_call(string commandLine, string message)
    {
        var result = Parse(commandLine);

        Assert.Contains(result.Errors, e => e.Message.Contains(message, StringComparison.Ordinal));
    }

    [Fact]
    public void History_reads_the_commune()
    {
        var result = Parse("history --commune 19408");

        var request = ((HistoryCommand)result.CommandResult.Command).ToRequest(result);

        Assert.Empty(result.Errors);
        Assert.Equal("19408", request.CommuneCode);
    }

    private static ParseResult Parse(string commandLine) =>
        CchcCli.CreateRootCommand(new CliContext { Console = new TestConsole().Console, Environment = _ => null }).Parse(commandLine);
}
