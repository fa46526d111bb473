using System.Globalization;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Board;

/// <summary>The page's period picker: a year, and Y (the year), H1–H2 or Q1–Q4.</summary>
internal static class BoardPeriods
{
    public static CorePeriod? Parse(string year, string period)
    {
        if (!int.TryParse(year, NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 2000 or > 2200)
        {
            return null;
        }

        return period.Trim().ToUpperInvariant() switch
        {
            "" or "Y" => CorePeriod.Annual(y),
            "H1" => CorePeriod.Half(y, 1),
            "H2" => CorePeriod.Half(y, 2),
            "Q1" => CorePeriod.Quarter(y, 1),
            "Q2" => CorePeriod.Quarter(y, 2),
            "Q3" => CorePeriod.Quarter(y, 3),
            "Q4" => CorePeriod.Quarter(y, 4),
            _ => null,
        };
    }
}
