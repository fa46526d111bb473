using System.Collections.Concurrent;
using Cchc.Api.V1;
using Cchc.Security.Authentication;
using Cchc.Security.Grpc;
using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;
using Cchc.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Security.Tests;

/// <summary>
/// A real ASP.NET Core gRPC server on loopback, wired with this library the way cchc-server wires it: JwtBearer by
/// <see cref="CchcAuthentication"/> on the ScoringService endpoint, the <see cref="RateLimitInterceptor"/>, an open
/// health service; its one method, SubmitScores, takes the principal from HttpContext.User, resolves the commune in a
/// tiny registry and demands the operation of the <see cref="AccessPolicy"/>, then acts.
/// </summary>
public sealed class SecuredServer : IAsyncDisposable
{
    public const int Burst = 3;
    public const int MaxMessageBytes = 16 * 1024;

    private readonly WebApplication _app;
    private readonly GrpcChannel _channel;

    private SecuredServer(WebApplication app, FakeTimeProvider clock, CchcTokenOptions tokens, Uri address)
    {
        _app = app;
        Clock = clock;
        Tokens = tokens;
        _channel = GrpcChannel.ForAddress(address);
        Client = new ScoringService.ScoringServiceClient(_channel);
        Health = new Health.HealthClient(_channel);
    }

    public FakeTimeProvider Clock { get; }

    public CchcTokenOptions Tokens { get; }

    public ScoringService.ScoringServiceClient Client { get; }

    public Health.HealthClient Health { get; }

    /// <summary>What the handler would write to the audit log: the principal of each accepted batch.</summary>
    public ConcurrentQueue<string> Audit => _app.Services.GetRequiredService<Scoring>().Audit;

    public DevelopmentTokenIssuer Issuer => new(Tokens, Clock);

    public static async Task<SecuredServer> StartAsync()
    {
        FakeTimeProvider clock = TestKeys.Clock();
        CchcTokenOptions tokens = TestKeys.Options();
        var port = LoopbackPort.Free();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        builder.Services.AddSingleton<TimeProvider>(clock);
        builder.Services.AddCchcAuthentication(tokens);
        builder.Services.AddSingleton(new PrincipalRateLimiter(new RateLimitOptions { PermitsPerSecond = 1, Burst = Burst }, clock));
        builder.Services.AddSingleton<RateLimitInterceptor>();
        builder.Services.AddSingleton<Scoring>();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = MaxMessageBytes;
            grpc.Interceptors.Add<RateLimitInterceptor>();
        });
        builder.Services.AddGrpcHealthChecks().AddCheck("self", () => HealthCheckResult.Healthy());
        var app = builder.Build();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGrpcService<Scoring>().RequireAuthorization(CchcAuthentication.PolicyName);
        app.MapGrpcHealthChecksService();
        await app.StartAsync();
        return new SecuredServer(app, clock, tokens, new Uri($"http://localhost:{port}/"));
    }

    public Task<SubmitScoresResponse> CallAsync(SubmitScoresRequest request, string? authorization)
    {
        var headers = new Metadata();
        if (authorization is not null)
        {
            headers.Add("authorization", authorization);
        }

        return Client.SubmitScoresAsync(request, headers, DateTime.UtcNow.AddSeconds(10)).ResponseAsync;
    }

    public async ValueTask DisposeAsync()
    {
        _channel.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>The protected service: what a cchc.v1 handler does before it acts.</summary>
    internal sealed class Scoring : ScoringService.ScoringServiceBase
    {
        // Commune → (province, district) as the registry of 2024 has them.
        private static readonly Dictionary<string, (string Province, string District)> Registry = new(StringComparer.Ordinal)
        {
            ["11116"] = ("30", "298"),
            ["10507"] = ("30", "288"),
        };

        private readonly AccessPolicy _policy = new();

        public ConcurrentQueue<string> Audit { get; } = new();

        public override Task<SubmitScoresResponse> SubmitScores(SubmitScoresRequest request, ServerCallContext context)
        {
            CchcPrincipal principal = CchcPrincipalClaims.Of(context.GetHttpContext().User)
                ?? throw new RpcException(new Status(StatusCode.Internal, "The call lost its principal."));
            if (!Registry.TryGetValue(request.CommuneCode, out var unit))
            {
                throw new RpcException(new Status(StatusCode.NotFound, $"Commune {request.CommuneCode} is not in the 2024 registry."));
            }

            AccessDecision decision = _policy.Authorize(principal, new SubmitScores(request.Stage, request.CommuneCode, unit.Province, unit.District));
            if (!decision.Allowed)
            {
                throw new RpcException(new Status(StatusCode.PermissionDenied, decision.Reason));
            }

            Audit.Enqueue($"{principal.AuditName} {request.CommuneCode} {request.Stage}");
            return Task.FromResult(new SubmitScoresResponse { AcceptedCount = request.Items.Count, Provisional = true });
        }
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
