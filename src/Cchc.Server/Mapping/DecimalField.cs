using System.Globalization;
using System.Text.RegularExpressions;

namespace Cchc.Server.Mapping;

/// <summary>
/// Decimal text as the API writes it: digits with at most one dot, optionally signed ("2.5", "17", "-0.5"). No
/// exponent, no comma, no NaN or Infinity: a misread score is worse than a refused one.
/// </summary>
internal static partial class DecimalField
{
    /// <param name="what">What the text is, for the message, e.g. "items[2] (item 1.3) points".</param>
    public static decimal Parse(string? text, string what) =>
        TryParse(text, out var value)
            ? value
            : throw ApiArguments.Invalid(
                $"{what} '{text}' is not a decimal number; write digits with a dot as decimal mark, e.g. 1.4 or 17.");

    /// <summary>Empty text gives null; otherwise as <see cref="Parse"/>.</summary>
    public static decimal? ParseOptional(string? text, string what) => string.IsNullOrEmpty(text) ? null : Parse(text, what);

    public static bool TryParse(string? text, out decimal value)
    {
        value = 0m;
        return text is not null && Pattern().IsMatch(text) &&
            decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>A figure as the API writes it, e.g. "2.5" or "100" (no trailing zeros are invented).</summary>
    public static string Format(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^[+-]?[0-9]{1,20}(\.[0-9]{1,20})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
