using Orleans.Runtime;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>A grain with one persistent state, named like the other test grain's state.</summary>
[GrainType(TypeName)]
public sealed class PlaceGrain(
    [PersistentState(TestSilo.StateName, TestSilo.StorageName)] IPersistentState<PlaceState> state)
    : PlaceGrainBase(state), IPlaceGrain
{
    public const string TypeName = "cchc-test-place";
}
