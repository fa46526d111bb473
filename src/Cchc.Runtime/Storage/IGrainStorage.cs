namespace Cchc.Runtime.Storage;

/// <summary>
/// Grain state storage, shaped like Orleans' <c>IGrainStorage</c>: state is read, written and cleared by
/// (state name, grain id) under an optimistic-concurrency ETag. A write or clear whose ETag is stale
/// throws <see cref="InconsistentStateException"/> and changes nothing. Returning from a write means the
/// state is durable: callers acknowledge only after that.
/// </summary>
public interface IGrainStorage
{
    /// <summary>The stored state, or null when the grain has none yet.</summary>
    Task<StoredState?> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes the state when <paramref name="expectedETag"/> matches what is stored (null: nothing is stored)
    /// and returns the new ETag.
    /// </summary>
    Task<string> WriteAsync(string stateName, string grainId, string payload, string? expectedETag,
        CancellationToken cancellationToken = default);

    /// <summary>Removes the state when <paramref name="expectedETag"/> matches what is stored.</summary>
    Task ClearAsync(string stateName, string grainId, string? expectedETag, CancellationToken cancellationToken = default);
}
