namespace Cchc.Storage;

/// <summary>
/// An append carried an idempotency key this stream has already recorded: the first request was applied, this
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

    public DuplicateIdempotencyKeyException(string streamId, string idempotencyKey, string storedResponse)
        : base($"Idempotency key '{idempotencyKey}' was already used on '{streamId}'; the first request " +
               "was applied and this one was not. Answer with the stored response.")
    {
        StreamId = streamId;
        IdempotencyKey = idempotencyKey;
        StoredResponse = storedResponse;
    }

    public string? StreamId { get; }

    public string? IdempotencyKey { get; }

    public string? StoredResponse { get; }
}
