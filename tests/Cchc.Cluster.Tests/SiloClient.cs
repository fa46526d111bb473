using Cchc.Api.Client;
using Cchc.Api.V1;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Cchc.Cluster.Tests;

/// <summary>The generated clients over one channel to one server of the cluster (no balancing, no retries).</summary>
internal sealed class SiloClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public SiloClient(SiloProcess silo)
    {
        Silo = silo;
        _channel = GrpcChannel.ForAddress(silo.Address, new GrpcChannelOptions
        {
            HttpHandler = CchcHttpHandler.Create(),
            MaxReceiveMessageSize = 16 * 1024 * 1024,

            // The tests measure how soon a restarted server serves; Grpc.Net.Client would otherwise wait up to 120 s
            // between reconnects to an address that refused while the server was down.
            InitialReconnectBackoff = TimeSpan.FromMilliseconds(100),
            MaxReconnectBackoff = TimeSpan.FromMilliseconds(500),
        });
        Registry = new RegistryService.RegistryServiceClient(_channel);
        Frameworks = new FrameworkService.FrameworkServiceClient(_channel);
        Scoring = new ScoringService.ScoringServiceClient(_channel);
        Ranking = new RankingService.RankingServiceClient(_channel);
        Health = new Health.HealthClient(_channel);
    }

    public SiloProcess Silo { get; }

    public RegistryService.RegistryServiceClient Registry { get; }

    public FrameworkService.FrameworkServiceClient Frameworks { get; }

    public ScoringService.ScoringServiceClient Scoring { get; }

    public RankingService.RankingServiceClient Ranking { get; }

    public Health.HealthClient Health { get; }

    public void Dispose() => _channel.Dispose();
}
