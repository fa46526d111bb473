using Cchc.Api.Client;
using Cchc.Cli.Options;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Cchc.Cli.Rpc;

/// <summary>
/// One channel to the server for the whole command (its HTTP/2 connections are the expensive part), and the
/// generated clients of the caller's token over it. <see cref="WithToken"/> adds callers on the same channel.
/// </summary>
internal sealed class CchcConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public CchcConnection(Uri server, string? token)
    {
        ArgumentNullException.ThrowIfNull(server);
        Server = server;
        if (token is { Length: > 0 })
        {
            EnsureTokensMayBeSent(server);
        }

        _channel = GrpcChannel.ForAddress(server, new GrpcChannelOptions
        {
            HttpHandler = CchcHttpHandler.Create(),
            DisposeHttpClient = true,
            // Grpc.Net.Client sends call credentials only over TLS unless told otherwise. Cleartext h2c on loopback is
            // this product's default (`cchc-server` listens on 127.0.0.1:5000) and never leaves the machine, so tokens
            // go there too; EnsureTokensMayBeSent refuses any other cleartext address before a token is attached.
            UnsafeUseInsecureChannelCallCredentials = server.Scheme == Uri.UriSchemeHttp && server.IsLoopback,
        });
        Clients = token is { Length: > 0 } ? WithToken(token) : new CchcClients(server, _channel.CreateCallInvoker());
    }

    public Uri Server { get; }

    /// <summary>The clients of the token the command was given (or of no token).</summary>
    public CchcClients Clients { get; }

    /// <summary>Clients whose calls carry <paramref name="token"/>, over this connection's channel.</summary>
    public CchcClients WithToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        EnsureTokensMayBeSent(Server);
        return new CchcClients(Server, _channel.Intercept(new BearerTokenInterceptor(token)));
    }

    public void Dispose() => _channel.Dispose();

    /// <summary>A bearer token read off the wire can be replayed until it expires: it goes over TLS, or over loopback.</summary>
    private static void EnsureTokensMayBeSent(Uri server)
    {
        if (server.Scheme == Uri.UriSchemeHttp && !server.IsLoopback)
        {
            throw new CliInputException(
                $"Refusing to send a token in cleartext to {server}: anyone on the path could read it and act as you until it expires. " +
                $"Connect with https:// (a TLS-terminating proxy in front of cchc-server), or use http:// only on loopback (e.g. {GlobalOptions.DefaultServer}).");
        }
    }
}
