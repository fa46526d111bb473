namespace Cchc.Api.Client;

/// <summary>The HTTP handler every CchcGrpc client channel (CLI, load generator) is built on.</summary>
public static class CchcHttpHandler
{
    public static SocketsHttpHandler Create() => new()
    {
        // A demo, a large import or a load run may have more calls in flight than one connection's stream limit
        // (100 on Kestrel).
        EnableMultipleHttp2Connections = true,
        PooledConnectionIdleTimeout = Timeout.InfiniteTimeSpan,
        KeepAlivePingDelay = TimeSpan.FromSeconds(60),
        KeepAlivePingTimeout = TimeSpan.FromSeconds(30),

        // The server is named explicitly: an HTTP proxy from the environment cannot carry cleartext HTTP/2.
        UseProxy = false,
    };
}
