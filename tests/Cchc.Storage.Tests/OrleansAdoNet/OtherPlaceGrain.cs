using Orleans.Runtime;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>A second grain type with the same state name and storage as <see cref="PlaceGrain"/>: its rows must stay apart.</summary>
[GrainType(TypeName)]
public sealed class OtherPlaceGrain(
    [PersistentState(TestSilo.StateName, TestSilo.StorageName)] IPersistentState<PlaceState> state)
    : PlaceGrainBase(state), IOtherPlaceGrain
{
    public const string TypeName = "cchc-test-other-place";
}
