namespace Cchc.Grains.Units;

/// <summary>Where a unit sits in the years [FirstYear, LastYear]: its name, province and district (none from 2025).</summary>
[GenerateSerializer, Immutable, Alias("cchc.UnitMembership")]
public sealed record UnitMembership(
    int FirstYear,
    int LastYear,
    string Name,
    UnitLevel Level,
    string ProvinceCode,
    string? DistrictCode,
    IReadOnlyList<UnitPredecessor> Predecessors)
{
    public bool Covers(int year) => (FirstYear == 0 || year >= FirstYear) && (LastYear == 0 || year <= LastYear);
}
