namespace Cchc.Storage;

/// <summary>
/// A stream as read in one consistent view: its version (0 when nothing was ever appended), the latest snapshot
/// (or null), and the events after the snapshot in version order. Replaying <see cref="Events"/> on
/// <see cref="Snapshot"/> gives the state at <see cref="Version"/>.
/// </summary>
public sealed record StoredStream(long Version, StreamSnapshot? Snapshot, IReadOnlyList<AuditEntry> Events)
{
    public static StoredStream Empty { get; } = new(0, null, []);
}
