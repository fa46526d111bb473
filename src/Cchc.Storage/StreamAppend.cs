namespace Cchc.Storage;

/// <summary>
/// One accepted batch to append to a stream (a commune's period): its audit entries, which are also its events,
/// the version the writer read (the append fails unless the stream is still at it), the idempotent answer to
/// record when the request carried a key, and optionally a snapshot of the state after the batch.
/// All of it commits in one transaction, or none of it.
/// </summary>
public sealed record StreamAppend(
    string StreamId,
    long ExpectedVersion,
    IReadOnlyList<AuditEntry> Entries,
    IdempotentResponse? Idempotency = null,
    StreamSnapshot? Snapshot = null)
{
    /// <summary>The stream's version once this batch is stored.</summary>
    public long NewVersion => ExpectedVersion + 1;
}
