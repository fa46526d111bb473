namespace Cchc.Core.Units;

/// <summary>
/// The national statistics office's codes and the shape of the country by year: the one place that decides
/// whether a code names a province (2 digits), a district (3) or a commune (5), and which years have districts.
/// </summary>
public static class UnitCodes
{
    /// <summary>The last year with three tiers; from 1 July 2025 districts are abolished (two tiers).</summary>
    public const int LastThreeTierYear = 2024;

    public const int ProvinceLength = 2;

    public const int DistrictLength = 3;

    public const int CommuneLength = 5;

    public static bool IsProvince(string code) => HasDigits(code, ProvinceLength);

    public static bool IsDistrict(string code) => HasDigits(code, DistrictLength);

    public static bool IsCommune(string code) => HasDigits(code, CommuneLength);

    /// <summary>The kind of a ranking scope, or null when the code is neither a province's nor a district's.</summary>
    public static ScopeKind? KindOfScope(string code) =>
        IsProvince(code) ? ScopeKind.Province : IsDistrict(code) ? ScopeKind.District : null;

    /// <summary>True when the year still had districts (three tiers).</summary>
    public static bool HasDistricts(int year) => year <= LastThreeTierYear;

    /// <summary>True when the two years lie on either side of the 1 July 2025 merger, so units must be traced to predecessors.</summary>
    public static bool CrossesMerger(int earlierYear, int laterYear) =>
        HasDistricts(earlierYear) != HasDistricts(laterYear);

    private static bool HasDigits(string code, int length)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length == length && code.All(char.IsAsciiDigit);
    }
}
