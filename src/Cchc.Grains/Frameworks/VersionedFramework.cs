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
    // Orleans hands an [Immutable] value to the grains of the framework's own silo by reference, so keeping the built
    // framework here lets every commune and ranking there share one (its tree, methods and indexes) instead of each
    // building its own. Not serialized: a copy that crosses silos builds its own once. The core framework is
    // immutable, so sharing it across grains' threads is safe.
    [NonSerialized]
    private Framework? _built;

    // A copy made with "with" may have another definition: it builds its own framework.
    private VersionedFramework(VersionedFramework original)
    {
        ArgumentNullException.ThrowIfNull(original);
        (Version, Definition, LeafCount) = (original.Version, original.Definition, original.LeafCount);
    }

    public bool Serves(PeriodKind kind) => Definition.Periods.Contains(kind);

    /// <summary>The validated, indexed core framework (the definition was validated when it was put).</summary>
    public Framework Build()
    {
        if (Volatile.Read(ref _built) is { } built)
        {
            return built;
        }

        Interlocked.CompareExchange(ref _built, Framework.Create(FrameworkStateMapper.ToDefinition(Definition)), null);
        return _built;
    }

    // Equal as stored: whether either copy has built its framework yet does not matter.
    public bool Equals(VersionedFramework? other) =>
        other is not null && Version == other.Version && LeafCount == other.LeafCount && Definition.Equals(other.Definition);

    public override int GetHashCode() => HashCode.Combine(Version, Definition, LeafCount);
}
