using Cchc.Api.V1;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Cchc.Server.Tests;

/// <summary>
/// The generated Grpc.Net.Client clients of the four cchc.v1 services, health and reflection, over one channel to a
/// server, optionally sending a bearer token with every call as a configured client would.
/// </summary>
internal sealed class ApiClient : IDisposable
{
    private readonly GrpcChannel _channel;

    public ApiClient(Uri address, string? bearerToken = null)
    {
        var handler = new SocketsHttpHandler { EnableMultipleHttp2Connections = true };
        _channel = GrpcChannel.ForAddress(address, new GrpcChannelOptions
        {
            HttpHandler = bearerToken is null ? handler : new BearerHandler(handler, bearerToken),
            MaxReceiveMessageSize = 64 * 1024 * 1024,
        });
        Registry = new RegistryService.RegistryServiceClient(_channel);
        Frameworks = new FrameworkService.FrameworkServiceClient(_channel);
        Scoring = new ScoringService.ScoringServiceClient(_channel);
        Ranking = new RankingService.RankingServiceClient(_channel);
        Deadlines = new DeadlineService.DeadlineServiceClient(_channel);
        Analysis = new AnalysisService.AnalysisServiceClient(_channel);
        Progress = new ProgressService.ProgressServiceClient(_channel);
        Exports = new ExportService.ExportServiceClient(_channel);
        Audit = new AuditService.AuditServiceClient(_channel);
        Health = new Health.HealthClient(_channel);
        Reflection = new global::Grpc.Reflection.V1.ServerReflection.ServerReflectionClient(_channel);
    }

    public RegistryService.RegistryServiceClient Registry { get; }

    public FrameworkService.FrameworkServiceClient Frameworks { get; }

    public ScoringService.ScoringServiceClient Scoring { get; }

    public RankingService.RankingServiceClient Ranking { get; }

    public DeadlineService.DeadlineServiceClient Deadlines { get; }

    public AnalysisService.AnalysisServiceClient Analysis { get; }

    public ProgressService.ProgressServiceClient Progress { get; }

    public ExportService.ExportServiceClient Exports { get; }

    public AuditService.AuditServiceClient Audit { get; }

    public Health.HealthClient Health { get; }

    public global::Grpc.Reflection.V1.ServerReflection.ServerReflectionClient Reflection { get; }

    /// <summary>Calls of the channel's own making, for methods called with other marshallers than the generated ones.</summary>
    public Grpc.Core.CallInvoker Invoker => _channel.CreateCallInvoker();

    public void Dispose() => _channel.Dispose();

    private sealed class BearerHandler(HttpMessageHandler inner, string token) : DelegatingHandler(inner)
    {
        private readonly string _authorization = "Bearer " + token;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Headers.TryAddWithoutValidation("authorization", _authorization);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
