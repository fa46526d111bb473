namespace Cchc.Storage;

/// <summary>
/// What is recorded in the same transaction as a state write: the audit entries it produces and, when the
/// request carried an idempotency key, the response to give a resubmission.
/// </summary>
public sealed record AuditBatch(IReadOnlyList<AuditEntry> Entries, IdempotentResponse? Idempotency = null)
{
    public static AuditBatch Empty { get; } = new([]);
}
