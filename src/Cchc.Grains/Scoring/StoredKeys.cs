using Cchc.Storage;

namespace Cchc.Grains.Scoring;

/// <summary>
/// The idempotency keys a commune's stream holds, all of them, as one activation knows them: read with the stream and
/// added to by its own appends. A key not among them was never stored, so a write carrying it needs no lookup in the
/// storage, which would find nothing (a read of the database for every write with a fresh key). A key among them may
/// have been stored and is looked up.
/// </summary>
/// <remarks>
/// Kept as hash codes, about 20 bytes a key: two keys sharing one cost a lookup, never a replay missed. Bound:
/// <see cref="StoredStream.MaxKeysRead"/> keys; past it the commune looks every key up, as when the stream was read
/// with more.
/// </remarks>
internal sealed class StoredKeys
{
    private readonly HashSet<int> _hashes;

    private StoredKeys(IReadOnlyList<string> keys)
    {
        _hashes = new HashSet<int>(keys.Count);
        foreach (var key in keys)
        {
            _hashes.Add(Hash(key));
        }
    }

    /// <summary>The keys a stream was read with; null when the read did not give them all.</summary>
    public static StoredKeys? Of(StoredStream stream) => stream.IdempotencyKeys is { } keys ? new StoredKeys(keys) : null;

    /// <summary>False only when <paramref name="key"/> was never stored on the stream.</summary>
    public bool MayHold(string key) => _hashes.Contains(Hash(key));

    /// <summary>Counts a key just stored; false when that is more than the bound, and these keys are no longer all.</summary>
    public bool Add(string key)
    {
        _hashes.Add(Hash(key));
        return _hashes.Count <= StoredStream.MaxKeysRead;
    }

    private static int Hash(string key) => StringComparer.Ordinal.GetHashCode(key);
}
