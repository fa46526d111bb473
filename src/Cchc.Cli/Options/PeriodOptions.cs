using System.CommandLine;
using Cchc.Api.V1;

namespace Cchc.Cli.Options;

/// <summary>--year with an optional --half or --quarter: the period a command reads or writes.</summary>
internal sealed class PeriodOptions
{
    public PeriodOptions(bool allowPartYear = true)
    {
        Year = new Option<int>("--year")
        {
            Description = "The year, e.g. 2022.",
            HelpName = "year",
            Required = true,
            CustomParser = r => CliOptions.PositiveInt(r, "--year", 2000, 2100),
        };
        if (allowPartYear)
        {
            Half = new Option<int?>("--half")
            {
                Description = "A six-month period (6 tháng): 1 or 2.",
                HelpName = "1|2",
                CustomParser = r => CliOptions.PositiveInt(r, "--half", 1, 2),
            };
            Quarter = new Option<int?>("--quarter")
            {
                Description = "A quarter (quý): 1 to 4.",
                HelpName = "1-4",
                CustomParser = r => CliOptions.PositiveInt(r, "--quarter", 1, 4),
            };
        }
    }

    public Option<int> Year { get; }

    public Option<int?>? Half { get; }

    public Option<int?>? Quarter { get; }

    public void AddTo(Command command)
    {
        command.Add(Year);
        if (Half is not null && Quarter is not null)
        {
            command.Add(Half);
            command.Add(Quarter);
            command.Validators.Add(r =>
            {
                if (r.GetResult(Half) is { Implicit: false } && r.GetResult(Quarter) is { Implicit: false })
                {
                    r.AddError("Give --half or --quarter, not both: a period is a year, a half-year or a quarter.");
                }
            });
        }
    }

    public Period ToPeriod(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var year = result.GetValue(Year);
        if (Half is not null && result.GetValue(Half) is { } half)
        {
            return new Period { Year = year, Kind = PeriodKind.HalfYear, Number = half };
        }

        if (Quarter is not null && result.GetValue(Quarter) is { } quarter)
        {
            return new Period { Year = year, Kind = PeriodKind.Quarter, Number = quarter };
        }

        return new Period { Year = year, Kind = PeriodKind.Year };
    }
}
