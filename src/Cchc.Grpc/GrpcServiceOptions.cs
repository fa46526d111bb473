namespace Cchc.Grpc;

/// <summary>How calls are handled: message limits, response compression, the clock deadlines run on, metrics.</summary>
public sealed record GrpcServiceOptions
{
    /// <summary>The largest request message accepted, in bytes (after decompression); 4 MiB by default.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>The largest response message sent, in bytes; 4 MiB by default.</summary>
    public int MaxSendMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>Gzip response messages when the client's <c>grpc-accept-encoding</c> lists gzip. Off by default: it costs CPU.</summary>
    public bool CompressResponses { get; init; }

    /// <summary>The clock <c>grpc-timeout</c> deadlines are measured on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where calls are counted and timed; the process-wide "Cchc.Grpc" meter by default.</summary>
    public GrpcServerMetrics Metrics { get; init; } = GrpcServerMetrics.Shared;
}
