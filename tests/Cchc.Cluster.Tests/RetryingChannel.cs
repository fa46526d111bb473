using Cchc.Api.Client;
using Cchc.Api.V1;
using Grpc.Core;
using Grpc.Net.Client;
using Grpc.Net.Client.Balancer;
using Grpc.Net.Client.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Cluster.Tests;

/// <summary>
/// A provincial system's client of the cluster: one Grpc.Net.Client channel over every server's address (static
/// resolver, round-robin balancing) with the retry policy for UNAVAILABLE. Stand-in until the repository's channel
/// factory (src/Cchc.Api/Client) lands; it counts the HTTP requests each call made, so retries can be reported.
/// </summary>
internal sealed class RetryingChannel : IDisposable
{
    private readonly GrpcChannel _channel;
    private readonly ServiceProvider _services;
    private readonly AttemptCounter _counter;

    public RetryingChannel(IReadOnlyList<Uri> addresses)
    {
        var services = new ServiceCollection();
        services.AddSingleton<ResolverFactory>(new StaticResolverFactory(_ => [.. addresses.Select(a => new BalancerAddress(a.Host, a.Port))]));
        _services = services.BuildServiceProvider();
        _counter = new AttemptCounter(CchcHttpHandler.Create());
        _channel = GrpcChannel.ForAddress("static:///cchc", new GrpcChannelOptions
        {
            Credentials = ChannelCredentials.Insecure,
            ServiceProvider = _services,
            HttpHandler = _counter,
            ServiceConfig = new ServiceConfig
            {
                LoadBalancingConfigs = { new RoundRobinConfig() },
                MethodConfigs =
                {
                    new MethodConfig
                    {
                        Names = { MethodName.Default },
                        RetryPolicy = new RetryPolicy
                        {
                            MaxAttempts = 5,
                            InitialBackoff = TimeSpan.FromMilliseconds(200),
                            MaxBackoff = TimeSpan.FromSeconds(2),
                            BackoffMultiplier = 2,
                            RetryableStatusCodes = { StatusCode.Unavailable },
                        },
                    },
                },
            },
        });
        Scoring = new ScoringService.ScoringServiceClient(_channel);
    }

    public ScoringService.ScoringServiceClient Scoring { get; }

    /// <summary>HTTP requests sent (a retried call sends more than one).</summary>
    public int Requests => _counter.Requests;

    public void Dispose()
    {
        _channel.Dispose();
        _services.Dispose();
    }

    private sealed class AttemptCounter(HttpMessageHandler inner) : DelegatingHandler(inner)
    {
        private int _requests;

        public int Requests => Volatile.Read(ref _requests);

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _requests);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
