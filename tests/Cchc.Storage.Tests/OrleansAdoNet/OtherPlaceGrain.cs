using Orleans.Runtime;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>A second grain type with the same state name and storage as <see cref="PlaceGrain"/>: its rows must stay apart.</summary>
[GrainType(TypeName)]
public sealed class OtherPlaceGrain(
    [PersistentState(TestSilo.StateName, TestSilo.StorageName)] IPersistentState<PlaceState> state)
    : Grain, IOtherPlaceGrain
{
    public const string TypeName = "cchc-test-other-place";

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
