using Cchc.Api.Client;
using Cchc.Api.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Cchc.LoadGen.Workload;

/// <summary>
/// The generated clients the load generator calls, over one channel for the whole run, opened as every client opens
/// it (<see cref="CchcChannel"/>: round-robin over a cluster's silos, UNAVAILABLE retried). The channel's handler may
/// open several HTTP/2 connections, so thousands of concurrent calls and watch streams are not held to one
/// connection's stream limit (100 on Kestrel).
/// </summary>
internal sealed class BenchClients : IDisposable
{
    private readonly GrpcChannel _channel;

    public BenchClients(IReadOnlyList<Uri> servers)
    {
        _channel = CchcChannel.Create(servers);
        Registry = new RegistryService.RegistryServiceClient(_channel);
        Frameworks = new FrameworkService.FrameworkServiceClient(_channel);
        Scoring = new ScoringService.ScoringServiceClient(_channel);
        Ranking = new RankingService.RankingServiceClient(_channel);
    }

    public RegistryService.RegistryServiceClient Registry { get; }

    public FrameworkService.FrameworkServiceClient Frameworks { get; }

    public ScoringService.ScoringServiceClient Scoring { get; }

    public RankingService.RankingServiceClient Ranking { get; }

    /// <summary>The channel's invoker, for a call with marshallers of its own.</summary>
    public CallInvoker Invoker => _channel.CreateCallInvoker();

    public void Dispose() => _channel.Dispose();
}
