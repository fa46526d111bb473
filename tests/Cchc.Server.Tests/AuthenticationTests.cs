using Cchc.Api.V1;
using Cchc.Security;
using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;
using Microsoft.Extensions.Time.Testing;
using Grpc.Health.V1;
using Grpc.Core;

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
        var before = await fixture.Admin.Frameworks.GetFrameworkAsync(new GetFrameworkRequest { ProvinceCode = Province, Year = SmallProvinceFixture.Year }).ResponseAsync;
        var read = await Assert.ThrowsAsync<RpcException>(() => fixture.Writers.Frameworks.GetFrameworkAsync(new GetFrameworkRequest { ProvinceCode = Province, Year = SmallProvinceFixture.Year }, options).ResponseAsync);
        var write = await Assert.ThrowsAsync<RpcException>(() => fixture.Writers.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, SmallProvinceFixture.Year), options).ResponseAsync);
        Assert.Equal((StatusCode.Unauthenticated, StatusCode.Unauthenticated), (read.StatusCode, write.StatusCode));
        Assert.Contains(reason, read.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Admin.Frameworks.GetFrameworkAsync(new GetFrameworkRequest { ProvinceCode = Province, Year = SmallProvinceFixture.Year }).ResponseAsync);
    }

    [Fact]
    public async Task Every_api_method_wants_a_token_but_health_and_reflection_do_not()
    {
        var client = fixture.Writers;
        var refused = new Dictionary<string, StatusCode>(StringComparer.Ordinal);
        async Task TryAsync(string method, Func<Task> call) => refused[method] = (await Assert.ThrowsAsync<RpcException>(call)).StatusCode;

        // Empty requests: authentication comes before any check of the arguments.
        await TryAsync("/cchc.v1.RegistryService/ImportUnits", () => client.Registry.ImportUnitsAsync(new ImportUnitsRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.RegistryService/StreamImportUnits", async () =>
        {
            using var call = client.Registry.StreamImportUnits();
            await call.RequestStream.CompleteAsync();
            await call.ResponseAsync;
        });
        await TryAsync("/cchc.v1.RegistryService/ListUnits", () => client.Registry.ListUnitsAsync(new ListUnitsRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.FrameworkService/PutFramework", () => client.Frameworks.PutFrameworkAsync(new PutFrameworkRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.FrameworkService/GetFramework", () => client.Frameworks.GetFrameworkAsync(new GetFrameworkRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.ScoringService/SubmitScores", () => client.Scoring.SubmitScoresAsync(new SubmitScoresRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.ScoringService/GetScorecard", () => client.Scoring.GetScorecardAsync(new GetScorecardRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.ScoringService/GetLostPoints", () => client.Scoring.GetLostPointsAsync(new GetLostPointsRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.ScoringService/PublishPeriod", () => client.Scoring.PublishPeriodAsync(new PublishPeriodRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.RankingService/GetRanking", () => client.Ranking.GetRankingAsync(new GetRankingRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.RankingService/GetUnitRank", () => client.Ranking.GetUnitRankAsync(new GetUnitRankRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.RankingService/CompareYears", () => client.Ranking.CompareYearsAsync(new CompareYearsRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.AnalysisService/GetReliability", () => client.Analysis.GetReliabilityAsync(new GetReliabilityRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.AnalysisService/GetHistory", () => client.Analysis.GetHistoryAsync(new GetHistoryRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.RankingService/ComparePeriods", () => client.Ranking.ComparePeriodsAsync(new ComparePeriodsRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.ProgressService/GetProgress", () => client.Progress.GetProgressAsync(new GetProgressRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.RankingService/WatchRanking", async () =>
        {
            using var call = client.Ranking.WatchRanking(new WatchRankingRequest());
            await call.ResponseStream.MoveNext();
        });
        await TryAsync("/cchc.v1.DeadlineService/SetDeadlines", () => client.Deadlines.SetDeadlinesAsync(new SetDeadlinesRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.DeadlineService/GetDeadlines", () => client.Deadlines.GetDeadlinesAsync(new GetDeadlinesRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.DeadlineService/ExtendDeadline", () => client.Deadlines.ExtendDeadlineAsync(new ExtendDeadlineRequest()).ResponseAsync);
        await TryAsync("/cchc.v1.ExportService/ExportTable", async () =>
        {
            using var call = client.Exports.ExportTable(new ExportTableRequest());
            await call.ResponseStream.MoveNext();
        });
        await TryAsync("/cchc.v1.AuditService/VerifyAudit", () => client.Audit.VerifyAuditAsync(new VerifyAuditRequest()).ResponseAsync);

        Assert.Equal(CchcRpcAccess.Operations.Keys.Order(StringComparer.Ordinal), refused.Keys.Order(StringComparer.Ordinal));
        Assert.All(refused, r => Assert.Equal(StatusCode.Unauthenticated, r.Value));

        var health = await client.Health.CheckAsync(new HealthCheckRequest { Service = "cchc.v1.ScoringService" });
        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
        using var listing = client.Reflection.ServerReflectionInfo();
        await listing.RequestStream.WriteAsync(new global::Grpc.Reflection.V1.ServerReflectionRequest { ListServices = "" });
        await listing.RequestStream.CompleteAsync();
        Assert.True(await listing.ResponseStream.MoveNext());
        var services = listing.ResponseStream.Current.ListServicesResponse.Service.Select(s => s.Name);
        Assert.Contains("cchc.v1.ScoringService", services);
    }

    [Fact]
    public async Task A_principal_over_its_rate_is_resource_exhausted_until_its_bucket_refills()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
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
            await client.Registry.ListUnitsAsync(list, viewer).ResponseAsync;
        }

        var limited = await Assert.ThrowsAsync<RpcException>(() => client.Registry.ListUnitsAsync(list, viewer).ResponseAsync);
        Assert.Equal(StatusCode.ResourceExhausted, limited.StatusCode);
        Assert.Contains($"Rate limit: '{TestTokens.Viewer(Province).Subject}' may make 1 calls a second (bursts of 3); retry in 1 s", limited.Status.Detail, StringComparison.Ordinal);

        // Another principal has its own bucket; the first gets a permit back after a second.
        await client.Registry.ListUnitsAsync(list, tokens.As(TestTokens.National)).ResponseAsync;
        clock.Advance(TimeSpan.FromSeconds(1));
        await client.Registry.ListUnitsAsync(list, viewer).ResponseAsync;
    }

    [Fact]
    public async Task With_authentication_off_the_caller_named_in_the_header_is_audited()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cchc-insecure-" + Guid.NewGuid().ToString("N"));
        await using (var server = await RunningServer.StartAsync(dataDirectory, configure: o => o with { InsecureNoAuth = true }))
        {
            var client = server.Anonymous();
            await client.Registry.ImportUnitsAsync(TwoProvinces.Units(TwoProvinces.Other)).ResponseAsync;
            await client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(TwoProvinces.Other, TwoProvinces.Year)).ResponseAsync;
            var named = new Metadata();
            named.Add("x-cchc-principal", "can-bo-thu-nghiem");
            await client.Scoring.SubmitScoresAsync(TwoProvinces.Batch("95101", Stage.SelfAssessment, TwoProvinces.Points("1.1", "2")), new CallOptions(named)).ResponseAsync;
            await client.Scoring.SubmitScoresAsync(TwoProvinces.Batch("95101", Stage.AppraisalRound1, TwoProvinces.Points("1.1", "1"))).ResponseAsync;
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

    private CallOptions Options(string kind)
    {
        var tokens = fixture.Server.Tokens;
        var admin = TestTokens.ProvinceAdmin(Province);
        return kind switch
        {
            "missing" => new CallOptions(),
            "expired" => TestTokens.Bearer(new DevelopmentTokenIssuer(tokens.Options, new FakeTimeProvider(DateTimeOffset.UtcNow.AddHours(-2))).Issue(admin, TimeSpan.FromHours(1))),
            "forged" => new TestTokens().As(admin),
            "wrong issuer" => TestTokens.Bearer(new DevelopmentTokenIssuer(tokens.Options with { Issuer = "someone-else" }).Issue(admin, TimeSpan.FromHours(1))),
            "wrong audience" => TestTokens.Bearer(new DevelopmentTokenIssuer(tokens.Options with { Audience = "another-api" }).Issue(admin, TimeSpan.FromHours(1))),
            _ => Header("x-cchc-principal", admin.Subject),
        };
    }

    private static CallOptions Header(string key, string value)
    {
        var headers = new Metadata();
        headers.Add(key, value);
        return new CallOptions(headers);
    }
}
