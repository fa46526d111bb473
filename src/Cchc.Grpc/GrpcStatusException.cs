namespace Cchc.Grpc;

/// <summary>
/// A call that ended with a status other than OK. A server handler throws it to choose the status the client
/// sees; the client throws it when a call fails, with the message already percent-decoded.
/// </summary>
public sealed class GrpcStatusException : Exception
{
    public GrpcStatusException()
        : this(GrpcStatusCode.Unknown, string.Empty)
    {
    }

    public GrpcStatusException(string message)
        : this(GrpcStatusCode.Unknown, message)
    {
    }

    public GrpcStatusException(string message, Exception innerException)
        : this(GrpcStatusCode.Unknown, message, trailers: null, innerException)
    {
    }

    public GrpcStatusException(GrpcStatusCode statusCode, string detail, GrpcMetadata? trailers = null, Exception? innerException = null)
        : base(FormatMessage(statusCode, detail), innerException)
    {
        if (statusCode == GrpcStatusCode.OK)
        {
            throw new ArgumentException("A failed call cannot have status OK.", nameof(statusCode));
        }

        StatusCode = statusCode;
        Detail = detail ?? string.Empty;
        Trailers = trailers ?? [];
    }

    public GrpcStatusCode StatusCode { get; }

    /// <summary>The status message as sent in <c>grpc-message</c> (decoded text, not percent-encoded).</summary>
    public string Detail { get; }

    /// <summary>Trailers sent with the status: set by a handler on the server, received on the client.</summary>
    public GrpcMetadata Trailers { get; }

    private static string FormatMessage(GrpcStatusCode statusCode, string? detail) =>
        $"Status({statusCode}, \"{detail}\")";
}
