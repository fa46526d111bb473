using Cchc.Api.Client;
using Cchc.Cli.Options;
using Grpc.Core.Interceptors;
using Grpc.Net.Client;

namespace Cchc.Cli.Rpc;

/// <summary>
/// One channel to the server, or to the servers of one cluster, for the whole command (its HTTP/2 connections are
/// the expensive part), and the generated clients of the caller's token over it. <see cref="WithToken"/> adds
/// callers on the same channel.
/// </summary>
internal sealed class CchcConnection : IDisposable
{
    private readonly GrpcChannel _channel;

    public CchcConnection(IReadOnlyList<Uri> servers, string? token)
    {
        ArgumentNullException.ThrowIfNull(servers);
        Servers = servers;
        if (token is { Length: > 0 })
        {
            EnsureTokensMayBeSent(servers);
        }

        _channel = CchcChannel.Create(servers);
        Clients = token is { Length: > 0 } ? WithToken(token) : new CchcClients(_channel.CreateCallInvoker());
    }

    public IReadOnlyList<Uri> Servers { get; }

    /// <summary>The clients of the token the command was given (or of no token).</summary>
    public CchcClients Clients { get; }

    /// <summary>Clients whose calls carry <paramref name="token"/>, over this connection's channel.</summary>
    public CchcClients WithToken(string token)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        EnsureTokensMayBeSent(Servers);
        return new CchcClients(_channel.Intercept(new BearerTokenInterceptor(token)));
    }

    public void Dispose() => _channel.Dispose();

    /// <summary>
    /// A bearer token read off the wire can be replayed until it expires: it goes over TLS, or over loopback, to
    /// every server of the list (round-robin sends each call's token to any of them).
    /// </summary>
    private static void EnsureTokensMayBeSent(IReadOnlyList<Uri> servers)
    {
        var exposed = servers.Where(s => s.Scheme == Uri.UriSchemeHttp && !s.IsLoopback).ToList();
        if (exposed.Count > 0)
        {
            throw new CliInputException(
                $"Refusing to send a token in cleartext to {string.Join(", ", exposed)}: anyone on the path could read it and act as you until it expires. " +
                $"Connect with https:// (a TLS-terminating proxy in front of cchc-server), or use http:// only on loopback (e.g. {GlobalOptions.DefaultServer}).");
        }
    }
}
