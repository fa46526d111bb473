using Cchc.Core;
using Cchc.Core.Frameworks;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// A stored framework with its version, which grows by one with every put. Callers build the core's
/// <see cref="Framework"/> from it once per version (<see cref="Build"/>) and cache it on that version.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.VersionedFramework")]
public sealed record VersionedFramework(long Version, FrameworkState Definition, int LeafCount)
{
    public bool Serves(PeriodKind kind) => Definition.Periods.Contains(kind);

    /// <summary>The validated, indexed core framework (the definition was validated when it was put).</summary>
    public Framework Build() => Framework.Create(FrameworkStateMapper.ToDefinition(Definition));
}
