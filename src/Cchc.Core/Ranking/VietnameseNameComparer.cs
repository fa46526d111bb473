using System.Globalization;

namespace Cchc.Core.Ranking;

/// <summary>
/// Orders names as a Vietnamese reader expects (An &lt; Ân &lt; Ấp &lt; Ba &lt; Dương &lt; Điềm), using the ICU
/// vi-VN collation. Names equal to the collation are ordered by their code points so the order is total.
/// </summary>
public sealed class VietnameseNameComparer : IComparer<string>
{
    private static readonly CompareInfo Collation = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;

    private VietnameseNameComparer()
    {
    }

    public static VietnameseNameComparer Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        var byCollation = Collation.Compare(x, y, CompareOptions.None);
        return byCollation != 0 ? byCollation : string.CompareOrdinal(x, y);
    }
}
