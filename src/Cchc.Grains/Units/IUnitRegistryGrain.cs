namespace Cchc.Grains.Units;

/// <summary>A province's unit registry, edition by edition. Key: the province code, e.g. "30".</summary>
public interface IUnitRegistryGrain : IGrainWithStringKey
{
    /// <summary>Stores an edition, replacing any edition whose years overlap it.</summary>
    /// <exception cref="RequestRejectedException">The edition is of another province.</exception>
    Task<UnitImportResult> ImportAsync(UnitEdition edition, CancellationToken cancellationToken = default);

    /// <summary>The edition valid in <paramref name="year"/>, or null.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<UnitEdition?> GetEditionAsync(int year, CancellationToken cancellationToken = default);

    /// <summary>The communes of the province or of one of its districts in <paramref name="year"/>; null when it has no such scope then.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<ScopeMembers?> GetScopeAsync(string scopeCode, int year, CancellationToken cancellationToken = default);
}
