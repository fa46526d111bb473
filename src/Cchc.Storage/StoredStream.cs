namespace Cchc.Storage;

/// <summary>
/// A stream as read in one consistent view: its version (0 when nothing was ever appended), the latest snapshot
/// (or null), and the events after the snapshot in version order. Replaying <see cref="Events"/> on
/// <see cref="Snapshot"/> gives the state at <see cref="Version"/>. <see cref="IdempotencyKeys"/> are the keys of the
/// stream's idempotency records in the same view, when it has at most <see cref="MaxKeysRead"/> of them; null when it
/// has more, or when they were not read (look a key up with <see cref="IScoreStorage.FindIdempotentResponseAsync"/>).
/// </summary>
public sealed record StoredStream(long Version, StreamSnapshot? Snapshot, IReadOnlyList<AuditEntry> Events,
    IReadOnlyList<string>? IdempotencyKeys = null)
{
    /// <summary>
    /// The most keys a read returns. A commune records one per keyed batch and keeps them for the retention (30 days);
    /// a stream with more is read without them.
    /// </summary>
    public const int MaxKeysRead = 256;

    public static StoredStream Empty { get; } = new(0, null, [], []);
}
