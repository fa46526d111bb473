using System.CommandLine;
using Cchc.Api.V1;
using Cchc.Cli.Options;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;

namespace Cchc.Cli.Commands;

/// <summary>
/// <c>cchc compare --scope CODE --year-a 2023 --year-b 2024 [--commune C]</c>, or a period against an earlier one of
/// its kind: <c>cchc compare --scope CODE --year 2024 [--half N | --quarter N] --against previous|last-year|2023-Q3 [--commune C]</c>.
/// </summary>
internal sealed class CompareCommand : Command
{
    private readonly PeriodOptions _period = new();

    public CompareCommand(CliContext context, GlobalOptions global)
        : base("compare", "Compare two years, or a half-year or quarter with an earlier one, overall and per field: index, class and places up or down (tăng/giảm bậc).")
    {
        Add(Scope);
        Add(YearA);
        Add(YearB);
        _period.Year.Required = false;
        _period.Year.Description = "The later period's year, with --against (and --half or --quarter for a part of it), e.g. 2024.";
        _period.AddTo(this);
        Add(Against);
        Add(Commune);
        Validators.Add(r =>
        {
            var years = r.GetResult(YearA) is { Implicit: false } || r.GetResult(YearB) is { Implicit: false };
            var period = r.GetResult(_period.Year) is { Implicit: false } || r.GetResult(Against) is { Implicit: false } ||
                r.GetResult(_period.Half!) is { Implicit: false } || r.GetResult(_period.Quarter!) is { Implicit: false };
            if (years && period)
            {
                r.AddError("Give --year-a and --year-b, or --year with --against, not both.");
            }
            else if (years && (r.GetResult(YearA) is null || r.GetResult(YearB) is null))
            {
                r.AddError("Give both --year-a and --year-b, e.g. --year-a 2023 --year-b 2024.");
            }
            else if (years && r.GetResult(YearA)!.GetValueOrDefault<int>() >= r.GetResult(YearB)!.GetValueOrDefault<int>())
            {
                r.AddError("--year-a is the earlier year and must come before --year-b, e.g. --year-a 2023 --year-b 2024.");
            }
            else if (!years && (r.GetResult(_period.Year) is null || r.GetResult(Against) is null))
            {
                r.AddError($"Give --year-a and --year-b to compare two years, or --year [--half N | --quarter N] with --against ({ComparedAgainst.Choices}).");
            }
        });
        this.SetServerAction(context, global, async (result, connection, ct) =>
        {
            IReadOnlyList<Spectre.Console.Rendering.IRenderable> tables;
            if (result.GetResult(YearA) is not null)
            {
                var request = ToRequest(result);
                var response = await connection.Clients.Ranking.CompareYearsAsync(request, cancellationToken: ct);
                tables = CompareView.Build(response.Units, Year(request.YearA), Year(request.YearB));
            }
            else
            {
                var response = await connection.Clients.Ranking.ComparePeriodsAsync(ToPeriodsRequest(result), cancellationToken: ct);
                tables = CompareView.Build(response.Units, response.PeriodA, response.PeriodB);
            }

            foreach (var table in tables)
            {
                context.Console.Write(table);
            }

            return ExitCodes.Success;
        });
    }

    public Option<string> Scope { get; } = CliOptions.Scope();

    public Option<int> YearA { get; } = YearOption("--year-a", "The earlier year, e.g. 2023.");

    public Option<int> YearB { get; } = YearOption("--year-b", "The later year, e.g. 2024.");

    public Option<ComparedAgainst> Against { get; } = new("--against")
    {
        Description = "What the period is compared against: previous (2024-Q2 for 2024-Q3, 2024-H1 for 2024-H2), last-year (2023-Q3 for 2024-Q3), or an earlier period of the same kind such as 2023-Q4.",
        HelpName = "previous|last-year|period",
        CustomParser = ComparedAgainst.Parse,
    };

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

    public ComparePeriodsRequest ToPeriodsRequest(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var against = result.GetRequiredValue(Against);
        return new ComparePeriodsRequest
        {
            ScopeCode = result.GetRequiredValue(Scope),
            UnitCode = result.GetValue(Commune) ?? string.Empty,
            Period = _period.ToPeriod(result),
            Against = against.Basis,
            EarlierPeriod = against.Earlier,
        };
    }

    private static Period Year(int year) => new() { Year = year, Kind = PeriodKind.Year };

    private static Option<int> YearOption(string name, string description) => new(name)
    {
        Description = description,
        HelpName = "year",
        CustomParser = r => CliOptions.PositiveInt(r, name, 2000, 2100),
    };
}
