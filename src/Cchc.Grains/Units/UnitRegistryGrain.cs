using Cchc.Runtime;

namespace Cchc.Grains.Units;

public sealed class UnitRegistryGrain(IPersistentState<UnitRegistryGrain.RegistryState> state) : Grain, IUnitRegistryGrain
{
    public async Task<(int Districts, int Communes)> ImportAsync(UnitEdition edition)
    {
        ArgumentNullException.ThrowIfNull(edition);
        var editions = state.State.Editions.Where(e => !e.Overlaps(edition)).Append(edition).OrderBy(e => e.FirstYear).ToList();

        // Memberships first: a commune must find its province before the registry lists it.
        await Task.WhenAll(edition.Units.Select(unit => GrainFactory.GetGrain<IUnitGrain>(unit.Code)
            .SetMembershipAsync(MembershipOf(edition, unit))));
        state.State = new RegistryState(editions);
        await state.WriteStateAsync();
        return (edition.Units.Count(u => u.Level == UnitLevel.District), edition.Communes.Count());
    }

    public Task<UnitEdition?> GetEditionAsync(int year) =>
        Task.FromResult(state.State.Editions.LastOrDefault(e => e.Covers(year)));

    private static UnitMembership MembershipOf(UnitEdition edition, UnitRecord unit)
    {
        var district = unit.Level == UnitLevel.Commune && unit.ParentCode != edition.ProvinceCode ? unit.ParentCode : null;
        return new UnitMembership(edition.FirstYear, edition.LastYear, unit.Name, unit.Level, edition.ProvinceCode,
            district, unit.Predecessors);
    }

    public sealed record RegistryState(IReadOnlyList<UnitEdition> Editions)
    {
        public RegistryState()
            : this([])
        {
        }
    }
}
