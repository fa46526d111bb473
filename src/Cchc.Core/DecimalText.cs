using System.Globalization;
using System.Text.RegularExpressions;

namespace Cchc.Core;

/// <summary>
/// Reads numbers as they arrive from imports and CSV files. Both "1.4" and the Vietnamese "1,4" are read as
/// 1.4. Anything else that double.Parse might accept ("NaN", "Infinity", "1e3", "1,2,3", thousands
/// separators) is rejected with a message naming the item, because a silently misread score is worse than
/// a refused row.
/// </summary>
public static partial class DecimalText
{
    /// <summary>Parses a decimal number with at most one decimal mark ('.' or ','), optionally signed.</summary>
    /// <exception cref="ScoreInputException">The text is not such a number.</exception>
    public static decimal Parse(string? text, string itemCode)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new ScoreInputException(itemCode, text, $"Item {itemCode}: the value is empty; write a number such as 1.4 or 1,4.");
        }

        if (!DecimalPattern().IsMatch(trimmed))
        {
            throw new ScoreInputException(
                itemCode,
                text,
                $"Item {itemCode}: '{text}' is not a number; write digits with at most one decimal mark, such as 1.4 or 1,4.");
        }

        try
        {
            return decimal.Parse(trimmed.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        }
        catch (OverflowException)
        {
            throw new ScoreInputException(itemCode, text, $"Item {itemCode}: '{text}' is too large to be a score or a count.");
        }
    }

    /// <summary>
    /// Parses a whole, non-negative count (dossiers, tasks, faults). Only digits are accepted: "1.234" is
    /// 1234 to a Vietnamese reader and 1.234 to an English one, so grouped counts are refused, not guessed.
    /// </summary>
    /// <exception cref="ScoreInputException">The text is not a plain whole number.</exception>
    public static int ParseCount(string? text, string itemCode)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            throw new ScoreInputException(itemCode, text, $"Item {itemCode}: the count is empty; write a whole number such as 637.");
        }

        if (!CountPattern().IsMatch(trimmed))
        {
            throw new ScoreInputException(
                itemCode,
                text,
                $"Item {itemCode}: '{text}' is not a whole non-negative count; write digits only, without separators, such as 1234.");
        }

        if (!int.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            throw new ScoreInputException(itemCode, text, $"Item {itemCode}: the count '{text}' is too large.");
        }

        return count;
    }

    [GeneratedRegex(@"^[+-]?[0-9]+([.,][0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex DecimalPattern();

    [GeneratedRegex("^[0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex CountPattern();
}
