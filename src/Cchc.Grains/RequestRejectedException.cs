namespace Cchc.Grains;

/// <summary>
/// A request the grains refused before changing anything, with a message a person can act on.
/// The transport turns <see cref="Kind"/> into a status code.
/// </summary>
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

    public RejectionKind Kind { get; }

    public static RequestRejectedException Invalid(string message) => new(RejectionKind.InvalidArgument, message);

    public static RequestRejectedException NotFound(string message) => new(RejectionKind.NotFound, message);

    public static RequestRejectedException Precondition(string message) => new(RejectionKind.FailedPrecondition, message);
}
