using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;

namespace Cchc.Cli.Commands;

/// <summary><c>cchc compare --scope CODE --year-a 2023 --year-b 2024 [--commune C]</c>.</summary>
internal sealed class CompareCommand : Command
{
    public CompareCommand(CliContext context, GlobalOptions global)
        : base("compare", "Compare two years, overall and per field: index, class and places up or down (tăng/giảm bậc).")
    {
        Add(Scope);
        Add(YearA);
        Add(YearB);
        Add(Commune);
        Validators.Add(r =>
        {
            if (r.GetResult(YearA) is { } a && r.GetResult(YearB) is { } b && a.GetValueOrDefault<int>() >= b.GetValueOrDefault<int>())
            {
                r.AddError("--year-a is the earlier year and must come before --year-b, e.g. --year-a 2023 --year-b 2024.");
            }
        });
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            var request = ToRequest(result);
            var response = await connection.Clients.Ranking.CompareYearsAsync(request, cancellationToken: ct);
            foreach (var table in CompareView.Build(response, request.YearA, request.YearB))
            {
                context.Console.Write(table);
            }

            return ExitCodes.Success;
        });
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public Option<int> YearA { get; } = YearOption("--year-a", "The earlier year, e.g. 2023.");

    public Option<int> YearB { get; } = YearOption("--year-b", "The later year, e.g. 2024.");

    public Option<string> Commune { get; } = CliOptions.Commune(required: false);

    public CompareYearsRequest ToRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CompareYearsRequest
        {
            ScopeCode = result.GetRequiredValue(Scope),
            UnitCode = result.GetValue(Commune) ?? string.Empty,
            YearA = result.GetValue(YearA),
            YearB = result.GetValue(YearB),
        };
    }

    private static Option<int> YearOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "year",
        Required = true,
        CustomParser = r => CliOptions.PositiveInt(r, name, 2000, 2100),
    };
}
