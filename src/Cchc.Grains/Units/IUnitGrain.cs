namespace Cchc.Grains.Units;

/// <summary>
/// One unit's memberships over the years, so that a request naming only a commune code finds its province and
/// district without any national index. Key: the unit code, e.g. "11116". A leaf grain: it calls no other grain.
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>Records the unit's membership for an edition's years, replacing overlapping ones.</summary>
    Task SetMembershipAsync(UnitMembership membership, CancellationToken cancellationToken = default);

    /// <summary>The membership valid in <paramref name="year"/>, or null when the unit did not exist then.</summary>
    [ResponseTimeout(GrainTimeouts.LeafRead)]
    Task<UnitMembership?> GetMembershipAsync(int year, CancellationToken cancellationToken = default);
}
