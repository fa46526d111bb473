using Cchc.Core;

namespace Cchc.Grains;

/// <summary>
/// Grain keys. All state is keyed by unit and period so that provinces can later be spread over nodes:
/// nothing here needs a process-wide view of the country.
/// </summary>
public static class GrainKeys
{
    /// <summary>A commune's or a scope's grain for one period, e.g. "05914/2024", "30/2022-H1".</summary>
    public static string ForPeriod(string unitCode, Period period)
    {
        ArgumentNullException.ThrowIfNull(period);
        return $"{unitCode}/{period}";
    }

    /// <summary>A province's framework for one year, e.g. "30/2022".</summary>
    public static string ForYear(string provinceCode, int year) => $"{provinceCode}/{year}";

    /// <summary>Splits a "code/period" key.</summary>
    public static (string UnitCode, Period Period) ParsePeriodKey(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], Periods.Parse(key[(slash + 1)..]));
    }
}
