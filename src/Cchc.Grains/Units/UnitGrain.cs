using Cchc.Runtime;

namespace Cchc.Grains.Units;

public sealed class UnitGrain(IPersistentState<UnitGrain.MembershipState> state) : Grain, IUnitGrain
{
    public async Task SetMembershipAsync(UnitMembership membership)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var kept = state.State.Memberships.Where(m => !Overlap(m, membership));
        var next = new MembershipState([.. kept.Append(membership).OrderBy(m => m.FirstYear)]);
        if (!next.Memberships.SequenceEqual(state.State.Memberships))
        {
            state.State = next;
            await state.WriteStateAsync();
        }
    }

    public Task<UnitMembership?> GetMembershipAsync(int year) =>
        Task.FromResult(state.State.Memberships.LastOrDefault(m => m.Covers(year)));

    private static bool Overlap(UnitMembership a, UnitMembership b) =>
        (a.FirstYear == 0 || b.LastYear == 0 || a.FirstYear <= b.LastYear) &&
        (b.FirstYear == 0 || a.LastYear == 0 || b.FirstYear <= a.LastYear);

    public sealed record MembershipState(IReadOnlyList<UnitMembership> Memberships)
    {
        public MembershipState()
            : this([])
        {
        }
    }
}
