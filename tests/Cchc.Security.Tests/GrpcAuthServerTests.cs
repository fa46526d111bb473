using Cchc.Api.V1;
using Cchc.Security.Tokens;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Microsoft.Extensions.Time.Testing;

namespace Cchc.Security.Tests;

/// <summary>
/// Real calls through Grpc.Net.Client to a real ASP.NET Core gRPC server with JwtBearer: every way in is tried, and
/// only one works. A refusal reaches the gRPC client as UNAUTHENTICATED with the reason, not as a bare HTTP 401.
/// </summary>
public sealed class GrpcAuthServerTests(SecuredServerFixture fixture) : IClassFixture<SecuredServerFixture>
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private SecuredServer Server => fixture.Server;

    [Fact]
    public async Task Health_answers_without_a_token()
    {
        HealthCheckResponse response = await Server.Health.CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, response.Status);
    }

    [Fact]
    public async Task A_valid_token_of_the_right_role_is_served_and_its_principal_is_audited()
    {
        string token = Server.Issuer.Issue(CchcPrincipal.Appraiser("hdtd.tuky", "30", "298"), Hour);

        SubmitScoresResponse response = await Server.CallAsync(Batch("11116", Stage.AppraisalRound1, 2), "Bearer " + token);

        Assert.Equal(2, response.AcceptedCount);
        Assert.Contains("hdtd.tuky (appraiser of district 298) 11116 AppraisalRound1", Server.Audit);
    }

    [Theory]
    [InlineData("missing", "No bearer token")]
    [InlineData("basic", "must be 'Bearer <token>'")]
    [InlineData("garbage", "not a well-formed signed JWT")]
    [InlineData("expired", "expired at")]
    [InlineData("not-yet-valid", "not valid before")]
    [InlineData("forged", "signature does not match")]
    [InlineData("wrong-issuer", "not issued by 'cchc-test'")]
    [InlineData("wrong-audience", "audience must be 'cchc-api'")]
    public async Task A_bad_token_is_UNAUTHENTICATED_with_its_reason_and_the_handler_does_nothing(string kind, string expected)
    {
        CchcPrincipal commune = CchcPrincipal.CommuneOfficer("ubnd.quangkhai", "30", "11116");
        CchcTokenOptions tokens = Server.Tokens;
        string? authorization = kind switch
        {
            "missing" => null,
            "basic" => "Basic dXNlcjpwYXNz",
            "garbage" => "Bearer abc.def.ghi",
            "expired" => Bearer(new DevelopmentTokenIssuer(tokens, new FakeTimeProvider(TestKeys.Start - TimeSpan.FromHours(2))).Issue(commune, Hour)),
            "not-yet-valid" => Bearer(new DevelopmentTokenIssuer(tokens, new FakeTimeProvider(TestKeys.Start + TimeSpan.FromHours(1))).Issue(commune, Hour)),
            "forged" => Bearer(new DevelopmentTokenIssuer(TestKeys.Options(), Server.Clock).Issue(commune, Hour)),
            "wrong-issuer" => Bearer(new DevelopmentTokenIssuer(tokens with { Issuer = "evil" }, Server.Clock).Issue(commune, Hour)),
            _ => Bearer(new DevelopmentTokenIssuer(tokens with { Audience = "other" }, Server.Clock).Issue(commune, Hour)),
        };
        int audited = Server.Audit.Count;

        var error = await Assert.ThrowsAsync<RpcException>(() => Server.CallAsync(Batch("11116", Stage.SelfAssessment, 1), authorization));

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Contains(expected, error.Status.Detail, StringComparison.Ordinal);
        Assert.DoesNotContain("eyJ", error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(audited, Server.Audit.Count);
    }

    [Fact]
    public async Task Two_authorization_entries_are_refused()
    {
        string token = Bearer(Server.Issuer.Issue(CchcPrincipal.CommuneOfficer("ubnd.quangkhai", "30", "11116"), Hour));
        var headers = new Metadata { { "authorization", token }, { "authorization", token } };

        var error = await Assert.ThrowsAsync<RpcException>(() => Server.Client.SubmitScoresAsync(Batch("11116", Stage.SelfAssessment, 1), headers).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        Assert.Equal("Send one 'authorization' metadata entry, not several.", error.Status.Detail);
    }

    [Theory]
    [InlineData("viewer", "11116", "Viewer of province 30 may not appraise commune 11116 of district 298")]
    [InlineData("other-district", "10507", "Appraiser of district 298 may not appraise commune 10507 of district 288: only an appraiser of district 288 or of province 30 may.")]
    [InlineData("commune-officer", "11116", "Commune officer of commune 11116 may not appraise commune 11116 of district 298")]
    public async Task A_valid_token_of_the_wrong_role_or_scope_is_PERMISSION_DENIED(string who, string commune, string expected)
    {
        CchcPrincipal principal = who switch
        {
            "viewer" => CchcPrincipal.Viewer("xem.haiduong", "30"),
            "other-district" => CchcPrincipal.Appraiser("hdtd.tuky.2", "30", "298"),
            _ => CchcPrincipal.CommuneOfficer("ubnd.quangkhai.2", "30", "11116"),
        };
        int audited = Server.Audit.Count;

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            Server.CallAsync(Batch(commune, Stage.AppraisalRound1, 1), Bearer(Server.Issuer.Issue(principal, Hour))));

        Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
        Assert.StartsWith(expected, error.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(audited, Server.Audit.Count);
    }

    [Fact]
    public async Task A_principal_over_its_rate_is_RESOURCE_EXHAUSTED_until_the_bucket_refills()
    {
        string token = Bearer(Server.Issuer.Issue(CchcPrincipal.CommuneOfficer("rate.tester", "30", "11116"), Hour));
        string other = Bearer(Server.Issuer.Issue(CchcPrincipal.CommuneOfficer("rate.neighbour", "30", "11116"), Hour));
        SubmitScoresRequest batch = Batch("11116", Stage.SelfAssessment, 1);
        for (int i = 0; i < SecuredServer.Burst; i++)
        {
            await Server.CallAsync(batch, token);
        }

        var error = await Assert.ThrowsAsync<RpcException>(() => Server.CallAsync(batch, token));
        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Equal("Rate limit: 'rate.tester' may make 1 calls a second (bursts of 3); retry in 1 s.", error.Status.Detail);
        Assert.Equal(1, (await Server.CallAsync(batch, other)).AcceptedCount);

        Server.Clock.Advance(TimeSpan.FromSeconds(1));

        Assert.Equal(1, (await Server.CallAsync(batch, token)).AcceptedCount);
        Assert.Equal(StatusCode.ResourceExhausted, (await Assert.ThrowsAsync<RpcException>(() => Server.CallAsync(batch, token))).StatusCode);
    }

    [Fact]
    public async Task A_message_over_the_size_limit_is_RESOURCE_EXHAUSTED()
    {
        string token = Bearer(Server.Issuer.Issue(CchcPrincipal.CommuneOfficer("ubnd.quangkhai.size", "30", "11116"), Hour));
        SubmitScoresRequest batch = Batch("11116", Stage.SelfAssessment, 1);
        batch.Items[0].Evidence.Add(new string('x', SecuredServer.MaxMessageBytes));

        var error = await Assert.ThrowsAsync<RpcException>(() => Server.CallAsync(batch, token));

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.True(batch.CalculateSize() > SecuredServer.MaxMessageBytes);
    }

    private static string Bearer(string token) => "Bearer " + token;

    private static SubmitScoresRequest Batch(string commune, Stage stage, int items)
    {
        var request = new SubmitScoresRequest
        {
            CommuneCode = commune,
            Period = new Period { Year = 2024, Kind = PeriodKind.Year },
            Stage = stage,
            IdempotencyKey = Guid.NewGuid().ToString(),
        };
        for (int i = 1; i <= items; i++)
        {
            request.Items.Add(new ItemScore { ItemCode = $"1.{i}", Points = "1.5" });
        }

        return request;
    }
}
