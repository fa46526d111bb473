using Cchc.Api.V1;
using Cchc.Grpc;
using Cchc.Grpc.Client;
using Cchc.Security;
using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;
using Cchc.Testing;
using Google.Protobuf;
using Grpc.Health.V1;

namespace Cchc.Server.Tests;

/// <summary>Bearer tokens at the real server: only a token it can verify gets a call in; health stays open.</summary>
public sealed class AuthenticationTests(SmallProvinceFixture fixture) : IClassFixture<SmallProvinceFixture>
{
    private const string Province = SmallProvinceFixture.Province;

    public static TheoryData<string, string> BadTokens { get; } = new()
    {
        { "missing", "No bearer token" },
        { "expired", "expired at" },
        { "forged", "signature does not match" },
        { "wrong issuer", "not issued by 'cchc'" },
        { "wrong audience", "its audience must be 'cchc-api'" },
        { "header only", "No bearer token" },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_token_the_server_cannot_verify_is_unauthenticated_for_reads_and_writes(string kind, string reason)
    {
        var options = Options(kind);
        var before = await fixture.Admin.UnaryAsync(Rpc.GetFramework, new GetFrameworkRequest { ProvinceCode = Province, Year = SmallProvinceFixture.Year });
        var read = await Assert.ThrowsAsync<GrpcStatusException>(() => fixture.Writers.UnaryAsync(Rpc.GetFramework, new GetFrameworkRequest { ProvinceCode = Province, Year = SmallProvinceFixture.Year }, options));
        var write = await Assert.ThrowsAsync<GrpcStatusException>(() => fixture.Writers.UnaryAsync(Rpc.PutFramework, SeasonFramework.ToRequest(Province, SmallProvinceFixture.Year), options));
        Assert.Equal((GrpcStatusCode.Unauthenticated, GrpcStatusCode.Unauthenticated), (read.StatusCode, write.StatusCode));
        Assert.Contains(reason, read.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Admin.UnaryAsync(Rpc.GetFramework, new GetFrameworkRequest { ProvinceCode = Province, Year = SmallProvinceFixture.Year }));
    }

    [Fact]
    public async Task Every_api_method_wants_a_token_but_health_and_reflection_do_not()
    {
        var client = fixture.Writers;
        var refused = new Dictionary<string, GrpcStatusCode>(StringComparer.Ordinal);
        async Task TryAsync<TRequest, TResponse>(GrpcMethod<TRequest, TResponse> method, TRequest request)
            where TRequest : class, IMessage<TRequest>, new()
            where TResponse : class, IMessage<TResponse>, new()
        {
            var error = await Assert.ThrowsAsync<GrpcStatusException>(async () =>
            {
                switch (method.Type)
                {
                    case GrpcMethodType.ServerStreaming:
                        await using (var call = client.ServerStreaming(method, request))
                        {
                            await call.ReadAsync();
                        }

                        break;
                    case GrpcMethodType.ClientStreaming:
                        await using (var call = client.StartCall(method))
                        {
                            await call.CompleteRequestAsync();
                            await call.GetResponseAsync();
                        }

                        break;
                    default:
                        await client.UnaryAsync(method, request);
                        break;
                }
            });
            refused[method.Path] = error.StatusCode;
        }

        // Empty requests: authentication comes before any check of the arguments.
        await TryAsync(Rpc.ImportUnits, new ImportUnitsRequest());
        await TryAsync(Rpc.StreamImportUnits, new StreamImportUnitsRequest());
        await TryAsync(Rpc.ListUnits, new ListUnitsRequest());
        await TryAsync(Rpc.PutFramework, new PutFrameworkRequest());
        await TryAsync(Rpc.GetFramework, new GetFrameworkRequest());
        await TryAsync(Rpc.SubmitScores, new SubmitScoresRequest());
        await TryAsync(Rpc.GetScorecard, new GetScorecardRequest());
        await TryAsync(Rpc.GetLostPoints, new GetLostPointsRequest());
        await TryAsync(Rpc.PublishPeriod, new PublishPeriodRequest());
        await TryAsync(Rpc.GetRanking, new GetRankingRequest());
        await TryAsync(Rpc.GetUnitRank, new GetUnitRankRequest());
        await TryAsync(Rpc.CompareYears, new CompareYearsRequest());
        await TryAsync(Rpc.WatchRanking, new WatchRankingRequest());

        Assert.Equal(CchcRpcAccess.Operations.Keys.Order(StringComparer.Ordinal), refused.Keys.Order(StringComparer.Ordinal));
        Assert.All(refused, r => Assert.Equal(GrpcStatusCode.Unauthenticated, r.Value));

        var check = new GrpcMethod<HealthCheckRequest, HealthCheckResponse>(GrpcMethodType.Unary, "grpc.health.v1.Health", "Check");
        var health = await client.UnaryAsync(check, new HealthCheckRequest { Service = "cchc.v1.ScoringService" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        var reflection = new GrpcMethod<global::Grpc.Reflection.V1.ServerReflectionRequest, global::Grpc.Reflection.V1.ServerReflectionResponse>(
            GrpcMethodType.DuplexStreaming, "grpc.reflection.v1.ServerReflection", "ServerReflectionInfo");
        await using var listing = client.StartCall(reflection);
        await listing.WriteAsync(new global::Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
        await listing.CompleteRequestAsync();
        var services = (await listing.ReadAsync())!.ListServicesResponse.Service.Select(s => s.Name);
        Assert.Contains("cchc.v1.ScoringService", services);
    }

    [Fact]
    public async Task A_principal_over_its_rate_is_resource_exhausted_until_its_bucket_refills()
    {
        var clock = new ManualTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new TestTokens(timeProvider: clock);
        await using var server = await RunningServer.StartAsync(tokens: tokens, configure: o => o with
        {
            TimeProvider = clock,
            Security = o.Security with { RateLimit = new RateLimitOptions { PermitsPerSecond = 1, Burst = 3 } },
        });
        var client = server.Anonymous();
        var viewer = tokens.As(TestTokens.Viewer(Province));
        var list = new ListUnitsRequest { Year = 2024 };
        for (var i = 0; i < 3; i++)
        {
            await client.UnaryAsync(Rpc.ListUnits, list, viewer);
        }

        var limited = await Assert.ThrowsAsync<GrpcStatusException>(() => client.UnaryAsync(Rpc.ListUnits, list, viewer));
        Assert.Equal(GrpcStatusCode.ResourceExhausted, limited.StatusCode);
        Assert.Contains($"Rate limit: '{TestTokens.Viewer(Province).Subject}' may make 1 calls a second (bursts of 3); retry in 1 s", limited.Detail, StringComparison.Ordinal);

        // Another principal has its own bucket; the first gets a permit back after a second.
        await client.UnaryAsync(Rpc.ListUnits, list, tokens.As(TestTokens.National));
        clock.Advance(TimeSpan.FromSeconds(1));
        await client.UnaryAsync(Rpc.ListUnits, list, viewer);
    }

    [Fact]
    public async Task With_authentication_off_the_caller_named_in_the_header_is_audited()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cchc-insecure-" + Guid.NewGuid().ToString("N"));
        await using (var server = await RunningServer.StartAsync(dataDirectory, configure: o => o with { InsecureNoAuth = true }))
        {
            var client = server.Anonymous();
            await client.UnaryAsync(Rpc.ImportUnits, TwoProvinces.Units(TwoProvinces.Other));
            await client.UnaryAsync(Rpc.PutFramework, SeasonFramework.ToRequest(TwoProvinces.Other, TwoProvinces.Year));
            var named = new GrpcMetadata();
            named.Add("x-cchc-principal", "can-bo-thu-nghiem");
            await client.UnaryAsync(Rpc.SubmitScores, TwoProvinces.Batch("95101", Stage.SelfAssessment, TwoProvinces.Points("1.1", "2")), new GrpcCallOptions { Headers = named });
            await client.UnaryAsync(Rpc.SubmitScores, TwoProvinces.Batch("95101", Stage.AppraisalRound1, TwoProvinces.Points("1.1", "1")));
        }

        try
        {
            await using var storage = await Storage.ScoreStorageFactory.OpenAsync(Storage.StorageOptions.ForSqlite(dataDirectory));
            var audit = await storage.ReadAuditAsync("95101", Core.Period.Annual(TwoProvinces.Year).ToString()).ToListAsync();
            Assert.Equal(["can-bo-thu-nghiem", "anonymous"], audit.Select(e => e.Principal));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private GrpcCallOptions Options(string kind)
    {
        var tokens = fixture.Server.Tokens;
        var admin = TestTokens.ProvinceAdmin(Province);
        return kind switch
        {
            "missing" => new GrpcCallOptions(),
            "expired" => TestTokens.Bearer(new DevelopmentTokenIssuer(tokens.Options, new ManualTimeProvider(DateTimeOffset.UtcNow.AddHours(-2))).Issue(admin, TimeSpan.FromHours(1))),
            "forged" => new TestTokens().As(admin),
            "wrong issuer" => TestTokens.Bearer(new DevelopmentTokenIssuer(tokens.Options with { Issuer = "someone-else" }).Issue(admin, TimeSpan.FromHours(1))),
            "wrong audience" => TestTokens.Bearer(new DevelopmentTokenIssuer(tokens.Options with { Audience = "another-api" }).Issue(admin, TimeSpan.FromHours(1))),
            _ => Header("x-cchc-principal", admin.Subject),
        };
    }

    private static GrpcCallOptions Header(string key, string value)
    {
        var headers = new GrpcMetadata();
        headers.Add(key, value);
        return new GrpcCallOptions { Headers = headers };
    }
}
