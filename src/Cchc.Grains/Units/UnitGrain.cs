namespace Cchc.Grains.Units;

public sealed class UnitGrain(
    [PersistentState("unit", CchcStorage.GrainStorageName)] IPersistentState<UnitGrain.MembershipState> state)
    : Grain, IUnitGrain
{
    public async Task SetMembershipAsync(UnitMembership membership, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(membership);
        var kept = state.State.Memberships.Where(m => !Overlap(m, membership));
        List<UnitMembership> next = [.. kept.Append(membership).OrderBy(m => m.FirstYear)];
        if (!next.SequenceEqual(state.State.Memberships))
        {
            await GrainStateWrites.WriteAsync(state, new MembershipState { Memberships = next }, $"unit {this.GetPrimaryKeyString()}");
        }
    }

    public Task<UnitMembership?> GetMembershipAsync(int year, CancellationToken cancellationToken = default) =>
        Task.FromResult(state.State.Memberships.LastOrDefault(m => m.Covers(year)));

    private static bool Overlap(UnitMembership a, UnitMembership b) =>
        (a.FirstYear == 0 || b.LastYear == 0 || a.FirstYear <= b.LastYear) &&
        (b.FirstYear == 0 || a.LastYear == 0 || b.FirstYear <= a.LastYear);

    /// <summary>The stored memberships, oldest first.</summary>
    [GenerateSerializer, Alias("cchc.UnitGrain.MembershipState")]
    public sealed class MembershipState
    {
        [Id(0)]
        public List<UnitMembership> Memberships { get; set; } = [];
    }
}
