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

    [GenerateSerializer, Alias("cchc.PublicationGrain.PublicationState")]
    public sealed class PublicationState
    {
        [Id(0)]
        public PublicationRecord? Record { get; set; }
    }
}
