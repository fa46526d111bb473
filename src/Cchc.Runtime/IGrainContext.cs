namespace Cchc.Runtime;

/// <summary>What a grain factory gets when the runtime creates an activation.</summary>
public interface IGrainContext
{
    GrainId GrainId { get; }

    IGrainFactory GrainFactory { get; }

    TimeProvider TimeProvider { get; }

    /// <summary>
    /// A persistent state of this grain named <paramref name="stateName"/> (unique per grain), kept in the storage
    /// registered as <paramref name="storageName"/> (null: the default). Only while the grain is being created.
    /// </summary>
    IPersistentState<TState> GetPersistentState<TState>(string stateName, Func<TState> createInitialState,
        string? storageName = null);

    /// <inheritdoc cref="GetPersistentState{TState}(string, Func{TState}, string?)"/>
    IPersistentState<TState> GetPersistentState<TState>(string stateName, string? storageName = null)
        where TState : new();
}
