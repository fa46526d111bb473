using System.Text.Json;
using Cchc.Runtime.Storage;

namespace Cchc.Runtime.Hosting;

/// <summary>
/// <see cref="IPersistentState{TState}"/> over an <see cref="IGrainStorage"/>, as JSON. It remembers the JSON it
/// last read or wrote, so "changed" is exact even if a state object was mutated in place.
/// </summary>
internal sealed class PersistentState<TState>(string stateName, string grainId, IGrainStorage storage,
    JsonSerializerOptions jsonOptions, Func<TState> createInitialState) : IPersistentState<TState>, IPersistentStateEntry
{
    private TState _state = createInitialState();
    private string? _syncedPayload;

    public string StateName { get; } = stateName;

    public TState State
    {
        get => _state;
        set => _state = value;
    }

    public string? Etag { get; private set; }

    public bool RecordExists { get; private set; }

    public bool IsDirty => !string.Equals(Serialize(_state), _syncedPayload, StringComparison.Ordinal);

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var stored = await storage.ReadAsync(StateName, grainId, cancellationToken);
        if (stored is null)
        {
            _state = createInitialState();
            _syncedPayload = Serialize(_state);
            Etag = null;
            RecordExists = false;
            return;
        }

        _state = Deserialize(stored.Payload);
        _syncedPayload = stored.Payload;
        Etag = stored.ETag;
        RecordExists = true;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var payload = Serialize(_state);
        Etag = await storage.WriteAsync(StateName, grainId, payload, Etag, cancellationToken);
        _syncedPayload = payload;
        RecordExists = true;
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        if (RecordExists)
        {
            await storage.ClearAsync(StateName, grainId, Etag, cancellationToken);
        }

        _state = createInitialState();
        _syncedPayload = Serialize(_state);
        Etag = null;
        RecordExists = false;
    }

    private string Serialize(TState state) => JsonSerializer.Serialize(state, jsonOptions);

    private TState Deserialize(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<TState>(payload, jsonOptions)
                   ?? throw new JsonException("The stored JSON is null.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException(
                $"State '{StateName}' of grain '{grainId}' is stored as JSON that does not read as " +
                $"{typeof(TState).Name}: {ex.Message} Fix or clear the stored state; nothing was changed.", ex);
        }
    }
}
