using Cchc.Grains;
using Cchc.Grains.Publication;
using Cchc.Grains.Units;
using Cchc.Runtime;
using Cchc.Security.Policy;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Services;

/// <summary>
/// Resolves what a call touches, for the access policy: a commune's province and district in the period's year, a
/// district's province, and whether a period is published. Units the registry does not know are NOT_FOUND here,
/// with the same words the grains use, since the registry itself is public.
/// </summary>
internal sealed class ApiScopes(IGrainFactory grains)
{
    /// <summary>The commune's place in <paramref name="year"/>.</summary>
    public async Task<UnitMembership> CommuneAsync(string commune, int year) =>
        await grains.GetGrain<IUnitGrain>(commune).GetMembershipAsync(year) is { Level: UnitLevel.Commune } membership
            ? membership
            : throw ApiStatus.NotFound(
                $"Commune {commune} is not in the unit registry for {year}; check the code or import the province's units first.");

    /// <summary>The province a scope belongs to: itself for a province, the registry's answer for a district.</summary>
    public async Task<string> ProvinceOfAsync(string scope, int year)
    {
        if (scope.Length == 2)
        {
            return scope;
        }

        return await grains.GetGrain<IUnitGrain>(scope).GetMembershipAsync(year) is { Level: UnitLevel.District } district
            ? district.ProvinceCode
            : throw ApiStatus.NotFound(
                $"No province or district {scope} is registered for {year}; check the scope code or import its units.");
    }

    public async Task<bool> IsPublishedAsync(string scope, CorePeriod period) =>
        await grains.GetGrain<IPublicationGrain>(GrainKeys.ForPeriod(scope, period)).GetAsync() is not null;

    /// <summary>Reading a commune's scores: published once its province or its district published the period.</summary>
    public async Task<ReadCommune> ReadCommuneAsync(string commune, CorePeriod period)
    {
        var membership = await CommuneAsync(commune, period.Year);
        var published = await IsPublishedAsync(membership.ProvinceCode, period) ||
            (membership.DistrictCode is { } district && await IsPublishedAsync(district, period));
        return new ReadCommune(commune, membership.ProvinceCode, published);
    }

    /// <summary>Reading a scope's results for these periods: published once every one of them is, by the scope or its province.</summary>
    public async Task<ReadScope> ReadScopeAsync(string scope, params CorePeriod[] periods)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var province = await ProvinceOfAsync(scope, periods.Max(p => p.Year));
        var published = true;
        foreach (var period in periods)
        {
            published &= await IsPublishedAsync(scope, period) || (scope != province && await IsPublishedAsync(province, period));
        }

        return new ReadScope(scope, province, published);
    }
}
