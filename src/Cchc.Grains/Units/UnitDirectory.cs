using System.Globalization;
using Cchc.Core;
using Cchc.Core.Units;
using Cchc.Grains.Publication;

namespace Cchc.Grains.Units;

/// <summary>
/// The registry questions the API layer asks before calling a grain (for its access policy and for listings), each
/// answered from the grains with the one scope rule of <see cref="UnitCodes"/>. Unknown units are NotFound with the
/// words the grains use.
/// </summary>
public static class UnitDirectory
{
    /// <summary>The commune's place in <paramref name="year"/>.</summary>
    /// <exception cref="RequestRejectedException">NotFound when the registry has no such commune that year.</exception>
    public static async Task<UnitMembership> CommuneAsync(this IGrainFactory grains, string communeCode, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return await grains.GetGrain<IUnitGrain>(communeCode).GetMembershipAsync(year, cancellationToken) is { Level: UnitLevel.Commune } membership
            ? membership
            : throw RequestRejectedException.NotFound(
                $"Commune {communeCode} is not in the unit registry for {year}; check the code or import the province's units first.");
    }

    /// <summary>The province a scope belongs to: itself for a province, the registry's answer for a district.</summary>
    /// <exception cref="RequestRejectedException">NotFound when the code is neither, or the district is unknown that year.</exception>
    public static async Task<string> ProvinceOfScopeAsync(this IGrainFactory grains, string scopeCode, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return UnitCodes.KindOfScope(scopeCode) switch
        {
            ScopeKind.Province => scopeCode,
            ScopeKind.District when await grains.GetGrain<IUnitGrain>(scopeCode).GetMembershipAsync(year, cancellationToken) is { Level: UnitLevel.District } district =>
                district.ProvinceCode,
            _ => throw NotFound(scopeCode, year),
        };
    }

    /// <summary>True once the scope's period is published.</summary>
    public static async Task<bool> IsPublishedAsync(this IGrainFactory grains, string scopeCode, Period period, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        return await grains.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(scopeCode, period)).GetAsync(cancellationToken) is not null;
    }

    /// <summary>
    /// The units under <paramref name="parentCode"/> in <paramref name="year"/>, by code: the provinces for an empty
    /// parent, a province's districts and (two tiers) communes, or a district's communes.
    /// </summary>
    /// <exception cref="RequestRejectedException">NotFound for a parent not registered that year.</exception>
    public static async Task<IReadOnlyList<UnitRecord>> ListUnitsAsync(this IGrainFactory grains, string? parentCode, int year, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(grains);
        if (string.IsNullOrEmpty(parentCode))
        {
            // Registries are kept per province and no grain knows the whole country: ask each possible province code.
            var editions = await Task.WhenAll(Enumerable.Range(1, 99).Select(code =>
                grains.GetGrain<IUnitRegistryGrain>(code.ToString("00", CultureInfo.InvariantCulture)).GetEditionAsync(year, cancellationToken)));
            return [.. editions.OfType<UnitEdition>()
                .Select(e => e.Units.FirstOrDefault(u => u.Level == UnitLevel.Province)
                    ?? new UnitRecord(e.ProvinceCode, e.ProvinceCode, UnitLevel.Province, "", "", []))
                .OrderBy(u => u.Code, StringComparer.Ordinal)];
        }

        var province = await grains.ProvinceOfScopeAsync(parentCode, year, cancellationToken);
        var edition = await grains.GetGrain<IUnitRegistryGrain>(province).GetEditionAsync(year, cancellationToken) ?? throw NotFound(parentCode, year);
        return [.. edition.Units.Where(u => u.ParentCode == parentCode).OrderBy(u => u.Code, StringComparer.Ordinal)];
    }

    private static RequestRejectedException NotFound(string code, int year) =>
        RequestRejectedException.NotFound($"No province or district {code} is registered for {year}; check the code and year, or import the province's units first.");
}
