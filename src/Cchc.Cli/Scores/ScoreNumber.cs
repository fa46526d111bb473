using System.Globalization;

namespace Cchc.Cli.Scores;

/// <summary>
/// Numbers as officials write them: points with a decimal comma ("1,4") or dot ("1.4"); whole counts.
/// Points go to the API as decimal text with a dot, the digits kept as written.
/// </summary>
internal static class ScoreNumber
{
    /// <summary>Reads non-negative points such as 2, 1,4 or 0.75 into the API's form ("1.4").</summary>
    public static bool TryParsePoints(string text, out string points)
    {
        points = string.Empty;
        var separator = -1;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c is '.' or ',')
            {
                if (separator >= 0 || i == 0 || i == text.Length - 1)
                {
                    return false;
                }

                separator = i;
            }
            else if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        if (text.Length == 0 || text.Length > 12)
        {
            return false;
        }

        points = separator < 0 ? text : string.Concat(text.AsSpan(0, separator), ".", text.AsSpan(separator + 1));
        return decimal.TryParse(points, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out _);
    }

    public static bool TryParseWhole(string text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
