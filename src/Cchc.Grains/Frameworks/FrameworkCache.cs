using Cchc.Core.Frameworks;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// One grain's copy of a framework: the core framework is built once per stored version and reused until the
/// framework grain reports another version. Holds one framework; a grain reading several years keeps one per year.
/// </summary>
internal sealed class FrameworkCache(IGrainFactory grains, string provinceCode, int year)
{
    private (long Version, Framework Framework)? _cached;

    public IFrameworkGrain Grain => grains.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(provinceCode, year));

    /// <summary>The current framework with its version, or null when the province has none for the year.</summary>
    public async Task<(long Version, Framework Framework)?> GetAsync(CancellationToken cancellationToken)
    {
        var version = await Grain.GetVersionAsync(cancellationToken);
        if (version == 0)
        {
            _cached = null;
            return null;
        }

        if (_cached is { } cached && cached.Version == version)
        {
            return cached;
        }

        if (await Grain.GetAsync(cancellationToken) is not { } stored)
        {
            _cached = null;
            return null;
        }

        _cached = (stored.Version, stored.Build());
        return _cached;
    }
}
