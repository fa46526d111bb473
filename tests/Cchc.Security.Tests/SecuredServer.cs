using System.Collections.Concurrent;
using Cchc.Api.V1;
using Cchc.Grpc;
using Cchc.Grpc.Client;
using Cchc.Grpc.Health;
using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;
using Cchc.Testing;

namespace Cchc.Security.Tests;

/// <summary>
/// A real Kestrel gRPC server on loopback with one protected method, SubmitScores, wired the way the host will
/// wire every handler: authenticate, check the batch, resolve the commune in a tiny registry, demand, then act.
/// </summary>
public sealed class SecuredServer : IAsyncDisposable
{
    public const int Burst = 3;
    public const int MaxBatchItems = 5;
    public const int MaxMessageBytes = 16 * 1024;

    public static readonly GrpcMethod<SubmitScoresRequest, SubmitScoresResponse> SubmitScoresMethod =
        new(GrpcMethodType.Unary, "cchc.v1.ScoringService", "SubmitScores");

    // Commune → (province, district) as the registry of 2024 has them.
    private static readonly Dictionary<string, (string Province, string District)> Registry = new(StringComparer.Ordinal)
    {
        ["11116"] = ("30", "298"),
        ["10507"] = ("30", "288"),
    };

    private readonly GrpcServer _server;

    private SecuredServer(GrpcServer server, GrpcAuth auth, ManualTimeProvider clock, CchcTokenOptions tokens)
    {
        _server = server;
        Auth = auth;
        Clock = clock;
        Tokens = tokens;
        Client = new GrpcClient(server.Address);
    }

    public GrpcAuth Auth { get; }

    public ManualTimeProvider Clock { get; }

    public CchcTokenOptions Tokens { get; }

    public GrpcClient Client { get; }

    /// <summary>What the handler would write to the audit log: the principal of each accepted batch.</summary>
    public ConcurrentQueue<string> Audit { get; } = new();

    public DevelopmentTokenIssuer Issuer => new(Tokens, Clock);

    public static async Task<SecuredServer> StartAsync()
    {
        ManualTimeProvider clock = TestKeys.Clock();
        var options = new CchcSecurityOptions
        {
            Tokens = TestKeys.Options(),
            RateLimit = new RateLimitOptions { PermitsPerSecond = 1, Burst = Burst },
            MaxBatchItems = MaxBatchItems,
        };
        GrpcAuth auth = GrpcAuth.Create(options, clock);
        SecuredServer? secured = null;
        var registry = new GrpcServiceRegistry();
        registry.AddUnary(SubmitScoresMethod, (request, context) => secured!.SubmitScoresAsync(request, context));
        registry.AddHealthService(new GrpcHealthService());
        GrpcServer server = await GrpcServer.StartAsync(registry, new GrpcServerOptions
        {
            Port = LoopbackPort.Free(),
            Service = new GrpcServiceOptions { MaxReceiveMessageSize = MaxMessageBytes },
        });
        secured = new SecuredServer(server, auth, clock, options.Tokens);
        return secured;
    }

    public Task<SubmitScoresResponse> CallAsync(SubmitScoresRequest request, string? authorization)
    {
        var headers = new GrpcMetadata();
        if (authorization is not null)
        {
            headers.Add(GrpcAuth.AuthorizationKey, authorization);
        }

        return Client.UnaryAsync(SubmitScoresMethod, request, new GrpcCallOptions { Headers = headers, Timeout = TimeSpan.FromSeconds(10) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _server.DisposeAsync();
        Auth.Dispose();
    }

    private async Task<SubmitScoresResponse> SubmitScoresAsync(SubmitScoresRequest request, GrpcCallContext context)
    {
        CchcPrincipal principal = await Auth.AuthenticateAsync(context);
        Auth.DemandBatchSize(request.Items.Count, "SubmitScores");
        if (!Registry.TryGetValue(request.CommuneCode, out var unit))
        {
            throw new GrpcStatusException(GrpcStatusCode.NotFound, $"Commune {request.CommuneCode} is not in the 2024 registry.");
        }

        Auth.Demand(principal, new SubmitScores(request.Stage, request.CommuneCode, unit.Province, unit.District));
        if (!ReferenceEquals(GrpcAuth.PrincipalOf(context), principal))
        {
            throw new GrpcStatusException(GrpcStatusCode.Internal, "The call lost its principal.");
        }

        Audit.Enqueue($"{principal.AuditName} {request.CommuneCode} {request.Stage}");
        return new SubmitScoresResponse { AcceptedCount = request.Items.Count, Provisional = true };
    }
}

/// <summary>One secured server shared by a test class.</summary>
public sealed class SecuredServerFixture : IAsyncLifetime
{
    private SecuredServer? _server;

    public SecuredServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await SecuredServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
