namespace Cchc.Grains;

/// <summary>
/// A request the grains refused before changing anything, with a message a person can act on. Orleans carries it
/// from a grain on any silo to the caller with its <see cref="Kind"/> (a generated serializer, not the generic
/// exception fallback, which would drop it); the API layer turns the kind into a status.
/// </summary>
[GenerateSerializer]
[Alias("cchc.RequestRejectedException")]
public sealed class RequestRejectedException : Exception
{
    public RequestRejectedException()
        : this(RejectionKind.InvalidArgument, "The request was refused.")
    {
    }

    public RequestRejectedException(string message)
        : this(RejectionKind.InvalidArgument, message)
    {
    }

    public RequestRejectedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Kind = RejectionKind.InvalidArgument;
    }

    public RequestRejectedException(RejectionKind kind, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Kind = kind;
    }

    [Id(0)]
    public RejectionKind Kind { get; private set; }

    public static RequestRejectedException Invalid(string message) => new(RejectionKind.InvalidArgument, message);

    public static RequestRejectedException NotFound(string message) => new(RejectionKind.NotFound, message);

    public static RequestRejectedException Precondition(string message) => new(RejectionKind.FailedPrecondition, message);

    public static RequestRejectedException Aborted(string message) => new(RejectionKind.Aborted, message);
}
