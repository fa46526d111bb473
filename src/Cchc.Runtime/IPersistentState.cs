namespace Cchc.Runtime;

/// <summary>
/// A grain's persistent state, as Orleans' <c>IPersistentState&lt;TState&gt;</c>: read before
/// <see cref="Grain.OnActivateAsync"/>, written as JSON to an <see cref="Storage.IGrainStorage"/> under an ETag.
/// Make <typeparamref name="TState"/> a record and replace <see cref="State"/> (<c>State = State with { ... }</c>).
/// A state changed but not written is written when the activation is deactivated or the runtime stops; a caller
/// that needs durability awaits <see cref="WriteStateAsync"/> before acknowledging.
/// </summary>
public interface IPersistentState<TState>
{
    TState State { get; set; }

    /// <summary>The ETag of the stored state this instance last read or wrote; null when none is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes <see cref="State"/>; throws <see cref="Storage.InconsistentStateException"/> when someone else wrote first.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Removes the stored state and resets <see cref="State"/> to its initial value.</summary>
    Task ClearStateAsync(CancellationToken cancellationToken = default);
}
