using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Frameworks;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc framework show --province 30 --year 2022 [--period-kind half-year] [--json]</c>.</summary>
internal sealed class FrameworkShowCommand : Command
{
    public FrameworkShowCommand(CliContext context, GlobalOptions global)
        : base("show", "Show the framework a province uses for a year, as a tree or as JSON (the file format of 'framework put').")
    {
        Add(Province);
        Add(Year);
        Add(Kind);
        Add(Json);
        this.SetServerAction(context, global, (result, connection, ct) => RunAsync(context.Console, result, connection, ct));
    }

    public Option<string> Province { get; } = CliOptions.Province("The province's 2-digit code, e.g. 30 (Hải Dương).");

    public Option<int> Year { get; } = new PeriodOptions(allowPartYear: false).Year;

    public Option<PeriodKind> Kind { get; } = new("--period-kind")
    {
        Description = $"Which period kind's framework: {PeriodKindNames.Choices}. Default: year.",
        HelpName = "kind",
        CustomParser = r =>
        {
            if (PeriodKindNames.TryParse(r.Tokens[0].Value, out var kind))
            {
                return kind;
            }

            r.AddError($"--period-kind: '{r.Tokens[0].Value}' is not a period kind; use {PeriodKindNames.Choices}.");
            return PeriodKind.Year;
        },
        DefaultValueFactory = _ => PeriodKind.Year,
    };

    public Option<bool> Json { get; } = new("--json") { Description = "Print the framework as JSON (protobuf JSON mapping), ready for 'framework put'." };

    public GetFrameworkRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new GetFrameworkRequest { ProvinceCode = result.GetRequiredValue(Province), Year = result.GetValue(Year), PeriodKind = result.GetValue(Kind) };
    }

    private async Task<int> RunAsync(IAnsiConsole console, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var response = await connection.Clients.Frameworks.GetFrameworkAsync(ToRequest(result), cancellationToken: cancellationToken);
        if (result.GetValue(Json))
        {
            // Plain output, no markup: the JSON must round-trip into 'framework put'.
            console.Profile.Out.Writer.WriteLine(FrameworkFile.Format(response.Framework));
            return ExitCodes.Success;
        }

        console.Write(FrameworkView.Build(response.Framework, response.PeriodKinds));
        return ExitCodes.Success;
    }
}
