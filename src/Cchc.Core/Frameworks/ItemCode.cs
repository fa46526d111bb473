using System.Text.RegularExpressions;

namespace Cchc.Core.Frameworks;

/// <summary>Item codes are dot-separated positive numbers without leading zeros: "1", "1.5", "3.12.2".</summary>
public static partial class ItemCode
{
    public static bool IsWellFormed(string? code) => code is not null && Pattern().IsMatch(code);

    /// <summary>1 for a field, 2 for a criterion, 3 for a sub-criterion, 4 for a locally added sub-criterion.</summary>
    public static int Depth(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Count(c => c == '.') + 1;
    }

    /// <summary>The parent's code ("3.12" for "3.12.2"), or null for a field.</summary>
    public static string? ParentOf(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var dot = code.LastIndexOf('.');
        return dot < 0 ? null : code[..dot];
    }

    [GeneratedRegex("^[1-9][0-9]*(\\.[1-9][0-9]*)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
