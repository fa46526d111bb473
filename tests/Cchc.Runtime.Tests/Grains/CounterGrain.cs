namespace Cchc.Runtime.Tests.Grains;

public sealed class CounterGrain(IPersistentState<CounterState> state, GrainProbe probe) : Grain, ICounterGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (probe.FailActivation)
        {
            throw new InvalidOperationException("activation refused by the test");
        }

        probe.Activated(GrainId, $"count={state.State.Count}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        probe.Events.Enqueue($"deactivate {GrainId} {reason.ReasonCode} count={state.State.Count}");
        probe.Deactivating.TrySetResult(reason);
        return Task.CompletedTask;
    }

    public async Task<int> IncrementAsync()
    {
        state.State = state.State with { Count = state.State.Count + 1 };
        await state.WriteStateAsync();
        return state.State.Count;
    }

    public ValueTask<int> IncrementWithoutWritingAsync()
    {
        state.State = state.State with { Count = state.State.Count + 1 };
        return ValueTask.FromResult(state.State.Count);
    }

    public Task<int> GetAsync() => Task.FromResult(state.State.Count);

    public Task FailAsync(string message) => throw new InvalidOperationException(message);

    public Task ClearAsync() => state.ClearStateAsync();

    public Task ReloadAsync() => state.ReadStateAsync();

    public Task<string?> GetEtagAsync() => Task.FromResult(state.Etag);

    public Task<bool> RecordExistsAsync() => Task.FromResult(state.RecordExists);

    public Task<string> GetKeyAsync() => Task.FromResult(this.GetPrimaryKeyString());

    public ValueTask DeactivateAsync()
    {
        DeactivateOnIdle();
        return ValueTask.CompletedTask;
    }
}
