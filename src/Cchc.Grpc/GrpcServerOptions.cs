using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Cchc.Grpc;

/// <summary>Where and how a standalone <see cref="GrpcServer"/> listens.</summary>
public sealed record GrpcServerOptions
{
    /// <summary>The address to bind; loopback unless told otherwise.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The TCP port; 0 picks a free one (read it back from <see cref="GrpcServer.Port"/>).</summary>
    public int Port { get; init; }

    /// <summary>When set, the server speaks TLS with ALPN <c>h2</c>; otherwise cleartext HTTP/2 (prior knowledge).</summary>
    public X509Certificate2? Certificate { get; init; }

    /// <summary>How long a stop waits for calls in flight before cancelling them.</summary>
    public TimeSpan ShutdownTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How calls are handled.</summary>
    public GrpcServiceOptions Service { get; init; } = new();
}
