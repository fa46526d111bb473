using Cchc.Grains.Units;
using Cchc.Security.Policy;
using CorePeriod = Cchc.Core.Period;

namespace Cchc.Server.Services;

/// <summary>
/// Resolves what a call touches into the access policy's terms: a commune's province and district in the period's
/// year, a scope's province, and whether a period is published. The registry answers (<see cref="UnitDirectory"/>);
/// unknown units are NOT_FOUND with the grains' words, since the registry itself is public.
/// </summary>
internal sealed class ApiScopes(IGrainFactory grains)
{
    /// <summary>The commune's place in <paramref name="year"/>.</summary>
    public Task<UnitMembership> CommuneAsync(string commune, int year, CancellationToken cancellationToken) =>
        grains.CommuneAsync(commune, year, cancellationToken);

    /// <summary>The province a scope belongs to.</summary>
    public Task<string> ProvinceOfAsync(string scope, int year, CancellationToken cancellationToken) =>
        grains.ProvinceOfScopeAsync(scope, year, cancellationToken);

    /// <summary>Reading a commune's scores: published once its province or its district published the period.</summary>
    public async Task<ReadCommune> ReadCommuneAsync(string commune, CorePeriod period, CancellationToken cancellationToken)
    {
        var membership = await CommuneAsync(commune, period.Year, cancellationToken);
        var published = await grains.IsPublishedAsync(membership.ProvinceCode, period, cancellationToken) ||
            (membership.DistrictCode is { } district && await grains.IsPublishedAsync(district, period, cancellationToken));
        return new ReadCommune(commune, membership.ProvinceCode, published);
    }

    /// <summary>Reading a scope's results for these periods: published once every one of them is, by the scope or its province.</summary>
    public async Task<ReadScope> ReadScopeAsync(string scope, IReadOnlyList<CorePeriod> periods, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(periods);
        var province = await ProvinceOfAsync(scope, periods.Max(p => p.Year), cancellationToken);
        var published = true;
        foreach (var period in periods)
        {
            published &= await grains.IsPublishedAsync(scope, period, cancellationToken) ||
                (scope != province && await grains.IsPublishedAsync(province, period, cancellationToken));
        }

        return new ReadScope(scope, province, published);
    }

    /// <summary>
    /// Reading a scope's results for one period when whether the scope itself published it is already known (a ranking
    /// knows its own, being the one that publishes): only a district not published itself asks its province's.
    /// </summary>
    public async Task<ReadScope> ReadScopeAsync(string scope, string province, CorePeriod period, bool scopePublished, CancellationToken cancellationToken) =>
        new(scope, province, scopePublished || (scope != province && await grains.IsPublishedAsync(province, period, cancellationToken)));
}
