using Cchc.Storage;
using Orleans.Storage;

namespace Cchc.Grains;

/// <summary>Replaces and writes Orleans grain state, turning a database failure into <see cref="StorageUnavailableException"/>.</summary>
internal static class GrainStateWrites
{
    /// <summary>
    /// Sets <paramref name="next"/> as the state and writes it. On any failure the previous state object is put back,
    /// so the activation never shows what was not stored. A stale ETag (<see cref="InconsistentStateException"/>:
    /// another activation wrote, e.g. during a failover, or an earlier write's outcome was unknown) passes unchanged:
    /// Orleans then drops this activation, the next call reads the stored state afresh, and the API layer answers
    /// ABORTED (retry). A full disk is RESOURCE_EXHAUSTED (nothing stored; free space). Anything else is the database
    /// failing: UNAVAILABLE.
    /// </summary>
    public static async Task WriteAsync<T>(IPersistentState<T> state, T next, string what)
    {
        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            state.State = previous;
            if (e is InconsistentStateException)
            {
                throw;
            }

            if (DiskFull.Is(e))
            {
                throw new RequestRejectedException(RejectionKind.ResourceExhausted, DiskFull.Advice);
            }

            throw new StorageUnavailableException($"The database did not store {what} ({e.GetType().Name}); retry shortly.");
        }
    }
}
