using Cchc.Runtime;

namespace Cchc.Grains.Units;

/// <summary>
/// One unit's memberships over the years, so that a request naming only a commune code finds its province and
/// district without any national index. Key: the unit code, e.g. "11116".
/// </summary>
public interface IUnitGrain : IGrainWithStringKey
{
    /// <summary>Records the unit's membership for an edition's years, replacing overlapping ones.</summary>
    Task SetMembershipAsync(UnitMembership membership);

    /// <summary>The membership valid in <paramref name="year"/>, or null when the unit did not exist then.</summary>
    Task<UnitMembership?> GetMembershipAsync(int year);
}
