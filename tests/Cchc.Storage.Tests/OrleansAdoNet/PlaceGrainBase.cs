using Orleans.Runtime;

namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>The behaviour both test grain types share; only their grain types differ, which is what the tests need.</summary>
public abstract class PlaceGrainBase(IPersistentState<PlaceState> state) : Grain
{
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
