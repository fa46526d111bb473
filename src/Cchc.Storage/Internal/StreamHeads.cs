namespace Cchc.Storage.Internal;

/// <summary>
/// The version and chain head of each stream as this process's writer last committed it. An append links its audit rows
/// to the head at its expected version; when the stream was last written here at that version, the head is known and
/// the writer need not read it first (on PostgreSQL a round trip of its own). A head kept here can only be out of date
/// by version, never wrong at its version: a committed version is never undone, and another process that wrote the
/// stream since moved its version, which the append's conditional write to the stream row then refuses.
/// </summary>
/// <remarks>
/// Bound: <see cref="Capacity"/> streams (a national load is about ten thousand communes a period); when full, the next
/// new stream empties it, and heads are read from the database again until they are committed here again. Used by the
/// writer's one loop only: not thread-safe.
/// </remarks>
internal sealed class StreamHeads(int capacity = StreamHeads.Capacity)
{
    public const int Capacity = 16_384;

    private readonly Dictionary<string, (long Version, string? Head)> _heads = new(StringComparer.Ordinal);

    public int Count => _heads.Count;

    /// <summary>The stream's head when it was committed here at <paramref name="version"/> (null: a chain with no head yet).</summary>
    public bool TryGet(string streamId, long version, out string? head)
    {
        if (_heads.TryGetValue(streamId, out var kept) && kept.Version == version)
        {
            head = kept.Head;
            return true;
        }

        head = null;
        return false;
    }

    /// <summary>Records a commit of the stream at <paramref name="version"/> with <paramref name="head"/>.</summary>
    public void Committed(string streamId, long version, string? head)
    {
        if (_heads.Count >= capacity && !_heads.ContainsKey(streamId))
        {
            _heads.Clear();
        }

        _heads[streamId] = (version, head);
    }
}
