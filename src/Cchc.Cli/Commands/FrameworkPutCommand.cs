using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Frameworks;
using Cchc.Cli.Options;
using Cchc.Cli.Rpc;
using Spectre.Console;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc framework put --province 30 --year 2022 --file F [--periods year,half-year]</c>.</summary>
internal sealed class FrameworkPutCommand : Command
{
    public FrameworkPutCommand(CliContext context, GlobalOptions global)
        : base("put", "Store a framework from a JSON file (the protobuf JSON mapping of cchc.v1.Framework).")
    {
        Add(Province);
        Add(Year);
        Add(File);
        Add(Periods);
        this.SetServerAction(context, global, (result, connection, ct) => RunAsync(context.Console, result, connection, ct));
    }

    public Option<string> Province { get; } = CliOptions.Province("The province's 2-digit code, e.g. 30 (Hải Dương).");

    public Option<int> Year { get; } = new PeriodOptions(allowPartYear: false).Year;

    public Option<FileInfo> File { get; } = CliOptions.File("The framework, e.g. deploy/samples/framework-hai-duong-2022.json.");

    public Option<PeriodKind[]> Periods { get; } = new("--periods")
    {
        Description = $"The period kinds it serves, comma-separated: {PeriodKindNames.Choices}. Default: year.",
        HelpName = "kinds",
        CustomParser = ParsePeriodKinds,
        DefaultValueFactory = _ => [PeriodKind.Year],
    };

    public async Task<PutFrameworkRequest> ToRequestAsync(ParseResult result, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(result);
        var framework = await FrameworkFile.ReadAsync(result.GetRequiredValue(File).FullName, cancellationToken);
        var request = new PutFrameworkRequest
        {
            ProvinceCode = result.GetRequiredValue(Province),
            Year = result.GetValue(Year),
            Framework = framework,
        };
        request.PeriodKinds.AddRange(result.GetRequiredValue(Periods));
        return request;
    }

    internal static PeriodKind[] ParsePeriodKinds(System.CommandLine.Parsing.ArgumentResult result)
    {
        var kinds = new List<PeriodKind>();
        foreach (var token in result.Tokens)
        {
            foreach (var part in token.Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (!PeriodKindNames.TryParse(part, out var kind))
                {
                    result.AddError($"--periods: '{part}' is not a period kind; use {PeriodKindNames.Choices}.");
                }
                else if (!kinds.Contains(kind))
                {
                    kinds.Add(kind);
                }
            }
        }

        if (kinds.Count == 0 && result.Tokens.Count > 0)
        {
            result.AddError($"--periods: give at least one of {PeriodKindNames.Choices}.");
        }

        return [.. kinds];
    }

    private async Task<int> RunAsync(IAnsiConsole console, ParseResult result, CchcConnection connection, CancellationToken cancellationToken)
    {
        var request = await ToRequestAsync(result, cancellationToken);
        var response = await connection.Clients.Frameworks.PutFrameworkAsync(request, cancellationToken: cancellationToken);
        console.MarkupLineInterpolated(
            $"Stored [bold]{request.Framework.Title}[/] for province {request.ProvinceCode}, {request.Year} ({string.Join(", ", request.PeriodKinds.Select(PeriodKindNames.NameOf))}): {response.LeafCount} leaf items, {response.TotalPoints} points.");
        return ExitCodes.Success;
    }
}
