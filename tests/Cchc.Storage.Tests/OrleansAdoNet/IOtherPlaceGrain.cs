namespace Cchc.Storage.Tests.OrleansAdoNet;

public interface IOtherPlaceGrain : IGrainWithStringKey
{
    Task<PlaceView> GetAsync();

    /// <summary>Writes the state and returns the new ETag.</summary>
    Task<string?> SetAsync(PlaceState value);

    Task<PlaceView> ClearAsync();
}
