namespace Cchc.Storage;

/// <summary>The first entry of a stream whose link does not hold, and what is wrong with it, in words.</summary>
public sealed record ChainBreak(AuditEntry Entry, string What);
