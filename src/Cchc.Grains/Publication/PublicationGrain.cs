using Cchc.Runtime;

namespace Cchc.Grains.Publication;

public sealed class PublicationGrain(IPersistentState<PublicationGrain.PublicationState> state, TimeProvider clock)
    : Grain, IPublicationGrain
{
    public async Task<PublicationRecord> PublishAsync(string principal)
    {
        if (state.State.Record is { } existing)
        {
            return existing;
        }

        var record = new PublicationRecord(clock.GetUtcNow(), principal);
        state.State = new PublicationState(record);
        await state.WriteStateAsync();
        return record;
    }

    public Task<PublicationRecord?> GetAsync() => Task.FromResult(state.State.Record);

    public sealed record PublicationState(PublicationRecord? Record)
    {
        public PublicationState()
            : this((PublicationRecord?)null)
        {
        }
    }
}
