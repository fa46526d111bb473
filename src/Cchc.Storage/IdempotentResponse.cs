namespace Cchc.Storage;

/// <summary>
/// The answer given to a request that carried an idempotency key, recorded with the write it caused so a
/// resubmission of the same key to the same grain gets the same answer instead of a second write.
/// </summary>
public sealed record IdempotentResponse(string Key, string Response);
