using System.Net.Security;

namespace Cchc.Grpc.Client;

/// <summary>How a <see cref="GrpcClient"/> connects and what it accepts.</summary>
public sealed record GrpcClientOptions
{
    /// <summary>
    /// The HTTP handler to send through; by default one <see cref="System.Net.Http.SocketsHttpHandler"/> per client
    /// with several HTTP/2 connections allowed, so a busy client is not capped at one connection's stream limit.
    /// </summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>Whether disposing the client disposes <see cref="HttpHandler"/> (the default handler always is).</summary>
    public bool DisposeHttpHandler { get; init; } = true;

    /// <summary>Checks the server's TLS certificate when the default handler is used; null means the system's checks.</summary>
    public RemoteCertificateValidationCallback? ServerCertificateValidation { get; init; }

    /// <summary>The largest response message accepted, in bytes (after decompression); 4 MiB by default.</summary>
    public int MaxReceiveMessageSize { get; init; } = GrpcProtocol.DefaultMaxMessageSize;

    /// <summary>The largest request message sent, in bytes; unlimited by default, as in other gRPC clients.</summary>
    public int MaxSendMessageSize { get; init; } = int.MaxValue;

    /// <summary>Gzip request messages (<c>grpc-encoding: gzip</c>).</summary>
    public bool CompressRequests { get; init; }

    /// <summary>The clock call timeouts run on.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;
}
