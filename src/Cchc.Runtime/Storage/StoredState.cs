namespace Cchc.Runtime.Storage;

/// <summary>A grain's serialized state (JSON) and the ETag it was stored under.</summary>
public sealed record StoredState(string Payload, string ETag);
