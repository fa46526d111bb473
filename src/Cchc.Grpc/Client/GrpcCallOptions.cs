namespace Cchc.Grpc.Client;

/// <summary>Per-call settings: request metadata and a timeout (sent as <c>grpc-timeout</c>).</summary>
public sealed record GrpcCallOptions
{
    /// <summary>Request metadata; <c>-bin</c> entries go out base64-encoded.</summary>
    public GrpcMetadata? Headers { get; init; }

    /// <summary>How long the call may take; the server is told and the client gives up at the same time.</summary>
    public TimeSpan? Timeout { get; init; }
}
