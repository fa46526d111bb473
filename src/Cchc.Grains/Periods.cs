using System.Globalization;
using Cchc.Core;

namespace Cchc.Grains;

/// <summary>Period arithmetic the grains need: parsing keys and finding the previous period of the same kind.</summary>
public static class Periods
{
    /// <summary>Parses "2024", "2024-H1" or "2024-Q3" (the form <see cref="Period.ToString"/> writes).</summary>
    public static Period Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        var year = int.Parse(dash < 0 ? text : text[..dash], NumberStyles.None, CultureInfo.InvariantCulture);
        if (dash < 0)
        {
            return Period.Annual(year);
        }

        var number = int.Parse(text[(dash + 2)..], NumberStyles.None, CultureInfo.InvariantCulture);
        return text[dash + 1] == 'H' ? Period.Half(year, number) : Period.Quarter(year, number);
    }

    /// <summary>The period of the same kind just before: 2023 for 2024, 2023-H2 for 2024-H1, 2024-Q2 for 2024-Q3.</summary>
    public static Period Previous(Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return period.Kind switch
        {
            PeriodKind.Year => Period.Annual(period.Year - 1),
            PeriodKind.HalfYear => period.Number == 1 ? Period.Half(period.Year - 1, 2) : Period.Half(period.Year, 1),
            _ => period.Number == 1 ? Period.Quarter(period.Year - 1, 4) : Period.Quarter(period.Year, period.Number - 1),
        };
    }
}
