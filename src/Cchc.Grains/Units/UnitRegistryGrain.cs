namespace Cchc.Grains.Units;

public sealed class UnitRegistryGrain(
    [PersistentState("registry", CchcStorage.GrainStorageName)] IPersistentState<UnitRegistryGrain.RegistryState> state)
    : Grain, IUnitRegistryGrain
{
    public async Task<UnitImportResult> ImportAsync(UnitEdition edition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var province = this.GetPrimaryKeyString();
        if (edition.ProvinceCode != province)
        {
            throw RequestRejectedException.Invalid($"The edition is of province {edition.ProvinceCode}, not {province}; import it into its own registry.");
        }

        List<UnitEdition> editions = [.. state.State.Editions.Where(e => !e.Overlaps(edition)).Append(edition).OrderBy(e => e.FirstYear)];

        // Memberships first: a commune must find its province before the registry lists it.
        await Task.WhenAll(edition.Units.Select(unit => GrainFactory.GetGrain<IUnitGrain>(unit.Code)
            .SetMembershipAsync(MembershipOf(edition, unit), cancellationToken)));
        await GrainStateWrites.WriteAsync(state, new RegistryState { Editions = editions }, $"the unit registry of province {province}");
        return new UnitImportResult(edition.Units.Count(u => u.Level == UnitLevel.District), edition.Communes.Count());
    }

    public Task<UnitEdition?> GetEditionAsync(int year, CancellationToken cancellationToken = default) =>
        Task.FromResult(Edition(year));

    public Task<ScopeMembers?> GetScopeAsync(string scopeCode, int year, CancellationToken cancellationToken = default) =>
        Task.FromResult(Edition(year) is { } edition && edition.HasScope(scopeCode)
            ? new ScopeMembers(edition.ProvinceCode, [.. edition.CommunesOf(scopeCode)])
            : null);

    private UnitEdition? Edition(int year) => state.State.Editions.LastOrDefault(e => e.Covers(year));

    private static UnitMembership MembershipOf(UnitEdition edition, UnitRecord unit)
    {
        var district = unit.Level == UnitLevel.Commune && unit.ParentCode != edition.ProvinceCode ? unit.ParentCode : null;
        return new UnitMembership(edition.FirstYear, edition.LastYear, unit.Name, unit.Level, edition.ProvinceCode,
            district, unit.Predecessors);
    }

    /// <summary>The stored editions, oldest first.</summary>
    [GenerateSerializer, Alias("cchc.UnitRegistryGrain.RegistryState")]
    public sealed class RegistryState
    {
        [Id(0)]
        public List<UnitEdition> Editions { get; set; } = [];
    }
}
