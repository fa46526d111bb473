namespace Cchc.Storage;

/// <summary>
/// One score change in the append-only audit log: who changed which item of which commune's period, at
/// which stage, from what to what, on what evidence. Values are the score as text (e.g. "1.40") so the
/// log records exactly what was shown to the person who made the change. The audit entries of an accepted
/// batch are also the commune's events: <see cref="Version"/> is the batch's version in the commune's stream
/// and <see cref="Payload"/> the value in the form the grain replays (opaque to the storage).
/// </summary>
/// <remarks>
/// <see cref="At"/> is kept to the microsecond (PostgreSQL's precision) with its offset. <see cref="Version"/> is
/// set by the storage on append (0 on entries written before events existed); callers leave it 0.
/// </remarks>
public sealed record AuditEntry(
    DateTimeOffset At,
    string Principal,
    string UnitCode,
    string Period,
    string ItemCode,
    string Stage,
    string? OldValue,
    string? NewValue,
    IReadOnlyList<string> Evidence,
    string? Comment,
    string? IdempotencyKey,
    string? Payload = null,
    long Version = 0);
