using Cchc.Runtime;

namespace Cchc.Grains.Units;

/// <summary>A province's unit registry, edition by edition. Key: the province code, e.g. "30".</summary>
public interface IUnitRegistryGrain : IGrainWithStringKey
{
    /// <summary>Stores an edition, replacing any edition whose years overlap it; returns (districts, communes).</summary>
    Task<(int Districts, int Communes)> ImportAsync(UnitEdition edition);

    /// <summary>The edition valid in <paramref name="year"/>, or null.</summary>
    Task<UnitEdition?> GetEditionAsync(int year);
}
