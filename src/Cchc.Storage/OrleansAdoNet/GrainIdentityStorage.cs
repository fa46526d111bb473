using Orleans;
using Orleans.Runtime;
using Orleans.Storage;

namespace Cchc.Storage.OrleansAdoNet;

/// <summary>
/// Hands the ADO.NET provider the whole grain id ("&lt;grain type&gt;/&lt;key&gt;") as a string key. On its own the
/// provider keys a row by state name and key only, without the grain type, so two grain types with the same key and
/// state name share one row (dotnet/orleans#8746); and it reads a string key that parses as hexadecimal as an integer,
/// so "05914" and "5914" share one row too (dotnet/orleans#9706). The '/' in the whole id parses as neither.
/// </summary>
internal sealed class GrainIdentityStorage(AdoNetGrainStorage inner) : IGrainStorage, ILifecycleParticipant<ISiloLifecycle>
{
    private readonly IGrainStorage _inner = inner;

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ReadStateAsync(stateName, StorageId(grainId), grainState);

    public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState,
        CancellationToken cancellationToken) =>
        _inner.ReadStateAsync(stateName, StorageId(grainId), grainState, cancellationToken);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.WriteStateAsync(stateName, StorageId(grainId), grainState);

    public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState,
        CancellationToken cancellationToken) =>
        _inner.WriteStateAsync(stateName, StorageId(grainId), grainState, cancellationToken);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState) =>
        _inner.ClearStateAsync(stateName, StorageId(grainId), grainState);

    public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState,
        CancellationToken cancellationToken) =>
        _inner.ClearStateAsync(stateName, StorageId(grainId), grainState, cancellationToken);

    // The provider initializes (reads its queries from OrleansQuery) as a lifecycle participant.
    public void Participate(ISiloLifecycle lifecycle) => inner.Participate(lifecycle);

    internal static GrainId StorageId(GrainId grainId) => GrainId.Create(grainId.Type, grainId.ToString());
}
