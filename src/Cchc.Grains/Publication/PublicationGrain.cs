using Cchc.Grains.Audit;

namespace Cchc.Grains.Publication;

public sealed class PublicationGrain(
    [PersistentState("publication", CchcStorage.GrainStorageName)] IPersistentState<PublicationGrain.PublicationState> state,
    TimeProvider clock)
    : Grain, IPublicationGrain
{
    public async Task<PublicationRecord> PublishAsync(string principal, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(principal);
        if (state.State.Record is { } existing)
        {
            return existing;
        }

        var record = new PublicationRecord(clock.GetUtcNow(), principal);
        await GrainStateWrites.WriteAsync(state, new PublicationState { Record = record }, $"the publication of {this.GetPrimaryKeyString()}");
        return record;
    }

    public Task<PublicationRecord?> GetAsync(CancellationToken cancellationToken = default) => Task.FromResult(state.State.Record);

    public async Task RecordChainHeadsAsync(IReadOnlyDictionary<string, ChainHead> heads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(heads);
        if (state.State.Record is null)
        {
            throw RequestRejectedException.Precondition($"{this.GetPrimaryKeyString()} is not published; chain heads are recorded at publication.");
        }

        if (state.State.ChainHeads is not null)
        {
            return;
        }

        var next = new PublicationState { Record = state.State.Record, ChainHeads = new Dictionary<string, ChainHead>(heads, StringComparer.Ordinal) };
        await GrainStateWrites.WriteAsync(state, next, $"the chain heads of {this.GetPrimaryKeyString()}");
    }

    public Task<IReadOnlyDictionary<string, ChainHead>?> GetChainHeadsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, ChainHead>?>(state.State.ChainHeads);

    [GenerateSerializer, Alias("cchc.PublicationGrain.PublicationState")]
    public sealed class PublicationState
    {
        [Id(0)]
        public PublicationRecord? Record { get; set; }

        /// <summary>Each commune's chain head (by code) when the period was published; null for publications made before the chain existed.</summary>
        [Id(1)]
        public Dictionary<string, ChainHead>? ChainHeads { get; set; }
    }
}
