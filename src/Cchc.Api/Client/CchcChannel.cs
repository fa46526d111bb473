using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;

namespace Cchc.Api.Client;

/// <summary>
/// The channel every CchcGrpc client opens (provincial systems, the <c>cchc</c> CLI, <c>cchc-bench</c>), to one
/// <c>cchc-server</c> or to several silos of one cluster. Every silo serves the whole API, so with several
/// addresses calls are spread round-robin over the servers that are up, and a call that finds a server gone
/// (connection refused, or UNAVAILABLE while a silo leaves or restarts) is tried again, on another server when there
/// is one.
/// </summary>
/// <remarks>
/// <para>
/// Retry policy, for every method: up to <see cref="MaxAttempts"/> attempts in all, only on UNAVAILABLE, waiting a
/// random time up to 0.2 s, 0.4 s, 0.8 s, 1.6 s between them (initial backoff 0.2 s, multiplier 2, capped at 2 s).
/// Grpc.Net.Client retries only until the server has sent response headers: a streamed answer already under way
/// is never replayed (a ranking watcher resumes with its last version instead).
/// </para>
/// <para>
/// A retried write may reach the server twice when the first attempt was applied but its answer lost.
/// <c>SubmitScores</c> is safe only with an <c>idempotency_key</c>, generated once per batch and kept for every
/// attempt; <c>PutFramework</c> and <c>ImportUnits</c> replace what they name, so a repeat changes nothing.
/// </para>
/// <para>
/// Deadlines are the caller's: pass one on each call (<c>deadline: DateTime.UtcNow.AddSeconds(10)</c>). It covers all
/// attempts and the waits between them, so it also bounds how long the retries may go on.
/// </para>
/// </remarks>
public static class CchcChannel
{
    /// <summary>Attempts per call, the first included.</summary>
    public const int MaxAttempts = 5;

    /// <summary>The example in messages: <c>cchc-server</c>'s default gRPC address.</summary>
    public const string ExampleServer = "http://127.0.0.1:5000";

    private static readonly TimeSpan InitialBackoff = TimeSpan.FromSeconds(0.2);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(2);
    private const double BackoffMultiplier = 2;

    // Grpc.Net.Client waits up to 120 s between reconnects to a server that was down; a silo back from a rolling
    // restart should take its share again within seconds. The cost is one TCP connect per 5 s per dead address.
    private static readonly TimeSpan MaxReconnectBackoff = TimeSpan.FromSeconds(5);

    /// <summary>
    /// A channel to <paramref name="servers"/>: one address is the channel's address as given; several are one
    /// cluster, balanced round-robin. All must be <c>http://</c> (cleartext HTTP/2) or all <c>https://</c>.
    /// Dispose the channel when done; share it between calls and threads meanwhile (its connections are the
    /// expensive part).
    /// </summary>
    /// <exception cref="ArgumentException">The list is empty, has a duplicate or mixes http:// and https://.</exception>
    public static GrpcChannel Create(IReadOnlyList<Uri> servers)
    {
        ArgumentNullException.ThrowIfNull(servers);
        if (Problem(servers) is { } problem)
        {
            throw new ArgumentException(problem, nameof(servers));
        }

        var options = new GrpcChannelOptions
        {
            HttpHandler = CchcHttpHandler.Create(),
            DisposeHttpClient = true,
            MaxRetryAttempts = MaxAttempts,
            MaxReconnectBackoff = MaxReconnectBackoff,

            // Grpc.Net.Client sends call credentials only over TLS unless told otherwise. Cleartext h2c on loopback is
            // the product's default (`cchc-server` listens on 127.0.0.1:5000) and never leaves the machine, so tokens
            // go there too; to any other cleartext address a token would be readable on the path and is not sent.
            UnsafeUseInsecureChannelCallCredentials = servers.All(s => s.Scheme == Uri.UriSchemeHttp && s.IsLoopback),
            ServiceConfig = new ServiceConfig { MethodConfigs = { RetryOnUnavailable() } },
        };
        if (servers.Count == 1)
        {
            return GrpcChannel.ForAddress(servers[0], options);
        }

        var addresses = servers.Select(s => new BalancerAddress(s.Host, s.Port)).ToArray();
        options.ServiceProvider = new ResolverServices(new StaticResolverFactory(_ => addresses));
        options.ServiceConfig.LoadBalancingConfigs.Add(new RoundRobinConfig());

        // The "static" scheme carries no TLS choice of its own: it comes from the addresses, which all agree.
        options.Credentials = servers[0].Scheme == Uri.UriSchemeHttps ? ChannelCredentials.SecureSsl : ChannelCredentials.Insecure;
        return GrpcChannel.ForAddress("static:///cchc-cluster", options);
    }

    /// <summary>
    /// Reads a comma-separated list such as <c>http://10.0.0.1:5000,http://10.0.0.2:5000</c> (one address is a list of one).
    /// </summary>
    /// <exception cref="FormatException">An element is empty or not an http(s) address, an address is repeated, or
    /// the schemes differ; the message names the element.</exception>
    public static IReadOnlyList<Uri> ParseServers(string list)
    {
        ArgumentNullException.ThrowIfNull(list);
        var parts = list.Split(',', StringSplitOptions.TrimEntries);
        var servers = new List<Uri>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            if (part.Length == 0)
            {
                throw new FormatException(parts.Length == 1
                    ? $"no server address given; give one like {ExampleServer}, or several separated by commas."
                    : $"address {i + 1} of {parts.Length} in '{list}' is empty; remove the extra comma.");
            }

            servers.Add(Uri.TryCreate(part, UriKind.Absolute, out var uri)
                ? uri
                : throw new FormatException(NotAnAddress(part)));
        }

        return Problem(servers) is { } problem ? throw new FormatException(problem) : servers;
    }

    private static string? Problem(IReadOnlyList<Uri> servers)
    {
        if (servers.Count == 0)
        {
            return $"no server address given; give one like {ExampleServer}.";
        }

        var seen = new HashSet<(string Host, int Port)>();
        foreach (var server in servers)
        {
            ArgumentNullException.ThrowIfNull(server);
            if (!server.IsAbsoluteUri || (server.Scheme != Uri.UriSchemeHttp && server.Scheme != Uri.UriSchemeHttps) || server.Host.Length == 0)
            {
                return NotAnAddress(server.OriginalString);
            }

            if (server.Scheme != servers[0].Scheme)
            {
                return $"'{server.OriginalString}' is {server.Scheme}:// but '{servers[0].OriginalString}' is {servers[0].Scheme}://; " +
                    "one channel speaks TLS to every server or to none: give all http:// or all https://.";
            }

            if (!seen.Add((server.IdnHost.ToUpperInvariant(), server.Port)))
            {
                return $"'{server.OriginalString}' is given twice; give each server once.";
            }
        }

        return null;
    }

    private static string NotAnAddress(string text) =>
        $"'{text}' is not a server address; give one like {ExampleServer} or https://cchc.example.gov.vn.";

    private static MethodConfig RetryOnUnavailable() => new()
    {
        Names = { MethodName.Default },
        RetryPolicy = new RetryPolicy
        {
            MaxAttempts = MaxAttempts,
            InitialBackoff = InitialBackoff,
            MaxBackoff = MaxBackoff,
            BackoffMultiplier = BackoffMultiplier,
            RetryableStatusCodes = { StatusCode.Unavailable },
        },
    };

    /// <summary>
    /// What the channel asks its service provider for is the resolver of the "static" scheme; a DI container for
    /// that one entry would add a package to every client for nothing.
    /// </summary>
    private sealed class ResolverServices(ResolverFactory factory) : IServiceProvider
    {
        private readonly IEnumerable<ResolverFactory> _factories = [factory];

        public object? GetService(Type serviceType) => serviceType == typeof(IEnumerable<ResolverFactory>) ? _factories : null;
    }
}
