namespace Cchc.Grains.Audit;

/// <summary>Which check a break was found by; a commune reports at most one break of each kind.</summary>
public enum AuditBreakKind
{
    /// <summary>An audit row: its content or its link to the row before it no longer holds.</summary>
    Entry = 1,

    /// <summary>The chain's end: it differs from the head recorded at publication or kept on the stream row.</summary>
    Head = 2,

    /// <summary>The score row (the commune's snapshot): it differs from what its audit entries replay to.</summary>
    Score = 3,
}
