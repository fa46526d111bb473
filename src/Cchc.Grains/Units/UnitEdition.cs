namespace Cchc.Grains.Units;

/// <summary>
/// A province's units valid for the years [<see cref="FirstYear"/>, <see cref="LastYear"/>]
/// (0 for "from the beginning" or "until replaced").
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.UnitEdition")]
public sealed record UnitEdition(string ProvinceCode, int FirstYear, int LastYear, IReadOnlyList<UnitRecord> Units)
{
    public bool Covers(int year) => (FirstYear == 0 || year >= FirstYear) && (LastYear == 0 || year <= LastYear);

    public bool Overlaps(UnitEdition other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var (start, end) = (FirstYear, LastYear == 0 ? int.MaxValue : LastYear);
        var (otherStart, otherEnd) = (other.FirstYear, other.LastYear == 0 ? int.MaxValue : other.LastYear);
        return start <= otherEnd && otherStart <= end;
    }

    public IEnumerable<UnitRecord> Communes => Units.Where(u => u.Level == UnitLevel.Commune);

    /// <summary>True when <paramref name="scopeCode"/> is this province or one of its districts.</summary>
    public bool HasScope(string scopeCode) =>
        scopeCode == ProvinceCode || Units.Any(u => u.Code == scopeCode && u.Level == UnitLevel.District);

    /// <summary>The communes of a scope: the province itself or one of its districts.</summary>
    public IEnumerable<UnitRecord> CommunesOf(string scopeCode) =>
        scopeCode == ProvinceCode ? Communes : Communes.Where(c => c.ParentCode == scopeCode);
}
