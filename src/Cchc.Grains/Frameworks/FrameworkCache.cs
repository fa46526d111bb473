using Cchc.Core.Frameworks;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// One grain's copy of a framework: the core framework is built once per stored version and reused until the
/// framework grain reports another version. Holds one framework; a grain reading several years keeps one per year.
/// </summary>
internal sealed class FrameworkCache(IGrainFactory grains, string provinceCode, int year)
{
    public IFrameworkGrain Grain => grains.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(provinceCode, year));

    /// <summary>What the last call returned.</summary>
    public (long Version, Framework Framework)? Current { get; private set; }

    /// <summary>The current framework with its version, or null when the province has none for the year.</summary>
    public async Task<(long Version, Framework Framework)?> GetAsync(CancellationToken cancellationToken) =>
        await GetAsync(await Grain.GetVersionAsync(cancellationToken), cancellationToken);

    /// <summary>The framework of <paramref name="version"/> (0: none), or a later one put since.</summary>
    public async Task<(long Version, Framework Framework)?> GetAsync(long version, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return Current = null;
        }

        if (Current is { } cached && cached.Version == version)
        {
            return cached;
        }

        return Current = await Grain.GetAsync(cancellationToken) is { } stored ? (stored.Version, stored.Build()) : null;
    }
}
