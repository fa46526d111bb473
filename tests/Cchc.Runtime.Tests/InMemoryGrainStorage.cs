using Cchc.Runtime.Storage;

namespace Cchc.Runtime.Tests;

/// <summary>
/// A test double of <see cref="IGrainStorage"/>, for the runtime's own tests only: a dictionary with the real ETag
/// rules (a stale ETag throws and changes nothing). It is not durable; the SQLite and PostgreSQL storages are.
/// Each operation yields, as real I/O would, so the runtime's async paths are exercised.
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string StateName, string GrainId), StoredState> _states = [];
    private long _lastETag;

    public int Writes { get; private set; }

    /// <summary>When set, every write fails with this (to test a storage outage).</summary>
    public Exception? FailWritesWith { get; set; }

    public StoredState? Get(string stateName, string grainId)
    {
        lock (_gate)
        {
            return _states.GetValueOrDefault((stateName, grainId));
        }
    }

    public async Task<StoredState?> ReadAsync(string stateName, string grainId, CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        return Get(stateName, grainId);
    }

    public async Task<string> WriteAsync(string stateName, string grainId, string payload, string? expectedETag,
        CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            if (FailWritesWith is { } failure)
            {
                throw failure;
            }

            var stored = _states.GetValueOrDefault((stateName, grainId));
            if (stored?.ETag != expectedETag)
            {
                throw new InconsistentStateException(stateName, grainId, expectedETag, stored?.ETag);
            }

            var etag = (++_lastETag).ToString(System.Globalization.CultureInfo.InvariantCulture);
            _states[(stateName, grainId)] = new StoredState(payload, etag);
            Writes++;
            return etag;
        }
    }

    public async Task ClearAsync(string stateName, string grainId, string? expectedETag,
        CancellationToken cancellationToken = default)
    {
        await Task.Yield();
        cancellationToken.ThrowIfCancellationRequested();
        lock (_gate)
        {
            var stored = _states.GetValueOrDefault((stateName, grainId));
            if (stored?.ETag != expectedETag)
            {
                throw new InconsistentStateException(stateName, grainId, expectedETag, stored?.ETag);
            }

            _states.Remove((stateName, grainId));
        }
    }
}
