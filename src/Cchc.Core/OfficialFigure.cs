using System.Globalization;

namespace Cchc.Core;

/// <summary>
/// Official figures (item points computed by a formula, component indices, the index) carry two decimals.
/// This is the only place in the product that rounds a score: every other figure is either exact or was
/// produced here, from exact inputs, exactly once.
/// </summary>
public static class OfficialFigure
{
    public const int Decimals = 2;

    /// <summary>Rounds to two decimals, half away from zero (0.005 → 0.01), as the published decisions do.</summary>
    public static decimal Round(decimal value) => Math.Round(value, Decimals, MidpointRounding.AwayFromZero);

    /// <summary>True when the value has no more than two significant decimals (so rounding would not change it).</summary>
    public static bool IsOfficial(decimal value) => value.Scale <= Decimals || Math.Round(value, Decimals) == value;

    /// <summary>Invariant two-decimal text, e.g. "0.64", "100.00".</summary>
    public static string Format(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
