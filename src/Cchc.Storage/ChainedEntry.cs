namespace Cchc.Storage;

/// <summary>
/// An audit entry as stored, with the link fields the chain check needs: the hash it says precedes it and its own
/// (both null on entries written before the chain existed).
/// </summary>
public sealed record ChainedEntry(AuditEntry Entry, string? PreviousHash, string? Hash);
