using Orleans.Runtime;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>A grain with one persistent state, named like the other test grain's state.</summary>
[GrainType(TypeName)]
public sealed class PlaceGrain(
    [PersistentState(TestSilo.StateName, TestSilo.StorageName)] IPersistentState<PlaceState> state)
    : Grain, IPlaceGrain
{
    public const string TypeName = "cchc-test-place";

    public Task<PlaceView> GetAsync() => Task.FromResult(View());

    public async Task<string?> SetAsync(PlaceState value)
    {
        state.State = value;
        await state.WriteStateAsync();
        return state.Etag;
    }

    public async Task<PlaceView> ClearAsync()
    {
        await state.ClearStateAsync();
        return View();
    }

    private PlaceView View() => new(state.State, state.Etag, state.RecordExists);
}
