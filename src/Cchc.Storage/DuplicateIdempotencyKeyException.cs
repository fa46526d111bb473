namespace Cchc.Storage;

/// <summary>
/// A write carried an idempotency key this grain has already recorded: the first request was applied, this
/// one was not. <see cref="StoredResponse"/> is the first request's answer; give it back to the caller.
/// </summary>
public sealed class DuplicateIdempotencyKeyException : Exception
{
    public DuplicateIdempotencyKeyException()
    {
    }

    public DuplicateIdempotencyKeyException(string message)
        : base(message)
    {
    }

    public DuplicateIdempotencyKeyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public DuplicateIdempotencyKeyException(string grainId, string idempotencyKey, string storedResponse)
        : base($"Idempotency key '{idempotencyKey}' was already used for grain '{grainId}'; the first request " +
               "was applied and this one was not. Answer with the stored response.")
    {
        GrainId = grainId;
        IdempotencyKey = idempotencyKey;
        StoredResponse = storedResponse;
    }

    public string? GrainId { get; }

    public string? IdempotencyKey { get; }

    public string? StoredResponse { get; }
}
