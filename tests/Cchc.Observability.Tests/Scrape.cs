using System.Globalization;

namespace Cchc.Observability.Tests;

/// <summary>One /metrics answer: the value of a series by its exact name and labels as printed.</summary>
internal sealed class Scrape(string text)
{
    public string Text { get; } = text;

    /// <summary>The value of the series printed as <paramref name="series"/> (name with its labels), or 0 when absent.</summary>
    public double Value(string series)
    {
        foreach (var line in Text.Split('\n'))
        {
            if (line.StartsWith(series + " ", StringComparison.Ordinal))
            {
                return double.Parse(line[(series.Length + 1)..], CultureInfo.InvariantCulture);
            }
        }

        return 0;
    }
}
