namespace Cchc.Grains.Audit;

/// <summary>
/// One broken link: the commune, the item of the row where the check failed (null when no row names one, e.g. rows
/// removed from the end), the time of that row (an audit entry's time, or the score row's), and what is wrong.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.AuditBreak")]
public sealed record AuditBreak(
    string CommuneCode,
    string CommuneName,
    AuditBreakKind Kind,
    string? ItemCode,
    DateTimeOffset? At,
    long Version,
    string What);
