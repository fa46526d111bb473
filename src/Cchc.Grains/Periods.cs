using System.Globalization;
using Cchc.Core;

namespace Cchc.Grains;

/// <summary>Parsing the period part of grain keys (the core's <see cref="Period.ToString"/> form).</summary>
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
}
