namespace Cchc.Storage.Internal;

/// <summary>
/// An append's audit rows as the database takes them, built by the caller before the append queues, so that the
/// single writer only links them into the stream's chain (when the head was not known beforehand) and inserts them.
/// Building the rows and hashing them were a third of the writer's busy time in a national bulk load
/// (deploy/bench/README.md); a stream's first append is linked here in full, its chain starting from no head.
/// </summary>
internal sealed class AuditRows
{
    /// <summary>The columns each row's values are for, in order.</summary>
    public static readonly string[] Columns = ["grain_id", .. StreamCommands.AuditColumns.Split(", "), "prev_hash", "hash"];

    private const int PreviousColumn = 15;
    private const int HashColumn = 16;

    private readonly StreamAppend _append;
    private readonly object?[][] _rows;
    private bool _linked;
    private string? _linkedFrom;

    private AuditRows(StreamAppend append, object?[][] rows)
    {
        _append = append;
        _rows = rows;
    }

    public IReadOnlyList<object?[]> Rows => _rows;

    /// <summary>The last row's hash: the stream's head once these rows are stored.</summary>
    public string Head => _linked
        ? (string)_rows[^1][HashColumn]!
        : throw new InvalidOperationException("The rows are not linked into their chain yet.");

    public static AuditRows Build(StreamAppend append, StorageDialect dialect)
    {
        var rows = new object?[append.Entries.Count][];
        for (var i = 0; i < rows.Length; i++)
        {
            var entry = append.Entries[i];
            rows[i] =
            [
                append.StreamId,

                // Stored to the microsecond, as hashed: the database must not round what the hash truncated.
                dialect.ToDbTimestamp(AuditChainHash.Stored(entry.At)),
                (int)entry.At.Offset.TotalMinutes,
                entry.Principal,
                entry.UnitCode,
                entry.Period,
                entry.ItemCode,
                entry.Stage,
                entry.OldValue,
                entry.NewValue,
                dialect.ToDbEvidence(entry.Evidence),
                entry.Comment,
                entry.IdempotencyKey,
                entry.Payload,
                append.NewVersion,
                null,
                null,
            ];
        }

        var built = new AuditRows(append, rows);
        if (append.ExpectedVersion == 0)
        {
            built.LinkFrom(null);
        }

        return built;
    }

    /// <summary>Chains the rows to <paramref name="previous"/>, the stream's head before them (null: none).</summary>
    public void LinkFrom(string? previous)
    {
        if (_linked && _linkedFrom == previous)
        {
            return;
        }

        _linkedFrom = previous;
        for (var i = 0; i < _rows.Length; i++)
        {
            var hash = AuditChainHash.Compute(previous, _append.StreamId, _append.Entries[i], _append.NewVersion);
            _rows[i][PreviousColumn] = previous;
            _rows[i][HashColumn] = hash;
            previous = hash;
        }

        _linked = true;
    }
}
