using System.CommandLine.Parsing;
using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.Cli.Options;

/// <summary>
/// What <c>cchc compare --against</c> names: the previous period of the same kind, the same period a year earlier,
/// or an earlier period written out ("2023-Q4", "2023-H2", "2023").
/// </summary>
internal sealed record ComparedAgainst(ComparisonBasis Basis, Period? Earlier)
{
    public const string Choices = "previous, last-year, or a period such as 2023-Q4, 2023-H2, 2023";

    public static ComparedAgainst Parse(ArgumentResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = result.Tokens[0].Value.Trim();
        if (string.Equals(text, "previous", StringComparison.OrdinalIgnoreCase))
        {
            return new(ComparisonBasis.PreviousPeriod, null);
        }

        if (string.Equals(text, "last-year", StringComparison.OrdinalIgnoreCase))
        {
            return new(ComparisonBasis.SamePeriodLastYear, null);
        }

        if (TryParsePeriod(text) is { } period)
        {
            return new(ComparisonBasis.Unspecified, period);
        }

        result.AddError($"--against: '{text}' is not {Choices}.");
        return new(ComparisonBasis.PreviousPeriod, null);
    }

    private static Period? TryParsePeriod(string text)
    {
        var parts = text.Split('-');
        if (parts.Length is < 1 or > 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            return null;
        }

        if (parts.Length == 1)
        {
            return new Period { Year = year, Kind = PeriodKind.Year };
        }

        var part = parts[1].ToUpperInvariant();
        return part switch
        {
            "H1" or "H2" => new Period { Year = year, Kind = PeriodKind.HalfYear, Number = part[1] - '0' },
            "Q1" or "Q2" or "Q3" or "Q4" => new Period { Year = year, Kind = PeriodKind.Quarter, Number = part[1] - '0' },
            _ => null,
        };
    }
}
