namespace Cchc.Grains.Ranking;

/// <summary>
/// This silo's copies of the first pages and whole rankings read through it, each named by the id its ranking grain
/// gave the view (<see cref="IRankingGrain.ReadFirstPageAsync"/>). Every read still asks the ranking grain, which
/// answers without the rows while the copy is its current view: a ranking held by another silo is then not serialized,
/// sent and read back for every read, and every read of it here gets the same object, which the API maps and encodes
/// once. On the ranking's own silo the copy is the grain's own view, passed by reference.
/// </summary>
/// <remarks>
/// Bound: <see cref="DefaultCapacity"/> copies, one per ranking grain, ranking (overall or a field) and page size; when
/// full, the copy read least recently is dropped and its next read is sent the view again. Never stale: a copy is used
/// only when the ranking grain has just named it as current.
/// </remarks>
public sealed class FirstPageCopies
{
    /// <summary>
    /// A district's or a province's overall ranking and its ten fields, as a top 20 and as a whole, for about a dozen
    /// scopes read at once; a whole province's copy from another silo is about 100 KB.
    /// </summary>
    public const int DefaultCapacity = 256;

    private readonly Lock _lock = new();
    private readonly Dictionary<Key, LinkedListNode<Copy>> _copies = [];
    private readonly LinkedList<Copy> _leastRecentFirst = new();
    private readonly int _capacity;

    public FirstPageCopies()
        : this(DefaultCapacity)
    {
    }

    public FirstPageCopies(int capacity)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        _capacity = capacity;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _copies.Count;
            }
        }
    }

    /// <summary>
    /// The first <paramref name="count"/> rows of <paramref name="ranking"/> (all of them when the count covers every
    /// unit), as <see cref="IRankingGrain.GetRankingAsync"/> with offset 0 gives them.
    /// </summary>
    public async Task<RankingView> ReadAsync(IRankingGrain ranking, string? fieldCode, int count, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ranking);
        var key = new Key(ranking.GetPrimaryKeyString(), fieldCode, count);
        var held = Find(key);
        var read = await ranking.ReadFirstPageAsync(fieldCode, count, held?.Id ?? Guid.Empty, cancellationToken);
        if (read.View is null)
        {
            return held is not null && held.Id == read.Id
                ? held.View
                : throw new InvalidOperationException($"Ranking {key.Grain} sent no rows for a view this silo does not hold.");
        }

        Keep(key, new Copy(key, read.Id, read.View));
        return read.View;
    }

    private Copy? Find(Key key)
    {
        lock (_lock)
        {
            if (!_copies.TryGetValue(key, out var node))
            {
                return null;
            }

            _leastRecentFirst.Remove(node);
            _leastRecentFirst.AddLast(node);
            return node.Value;
        }
    }

    private void Keep(Key key, Copy copy)
    {
        lock (_lock)
        {
            if (_copies.Remove(key, out var replaced))
            {
                _leastRecentFirst.Remove(replaced);
            }
            else if (_copies.Count >= _capacity && _leastRecentFirst.First is { } oldest)
            {
                _leastRecentFirst.RemoveFirst();
                _copies.Remove(oldest.Value.Key);
            }

            _copies[key] = _leastRecentFirst.AddLast(copy);
        }
    }

    private readonly record struct Key(string Grain, string? Field, int Count);

    private sealed record Copy(Key Key, Guid Id, RankingView View);
}
