using System.Security.Cryptography;
using Cchc.Security.Tokens;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Security.Tests;

/// <summary>The validator against tokens the development issuer signs, and against every way a token goes wrong.</summary>
public sealed class TokenValidatorTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    private readonly FakeTimeProvider _clock = TestKeys.Clock();
    private readonly CchcTokenOptions _options = TestKeys.Options();

    private CchcTokenValidator Validator => new(_options, _clock);

    private DevelopmentTokenIssuer Issuer => new(_options, _clock);

    public static TheoryData<string> EveryRole() => new()
    {
        CchcRoleNames.CommuneOfficer, CchcRoleNames.Appraiser, CchcRoleNames.ProvinceAdmin, CchcRoleNames.Viewer, CchcRoleNames.NationalViewer,
    };

    [Theory]
    [MemberData(nameof(EveryRole))]
    public async Task A_token_of_the_development_issuer_validates_to_the_same_principal(string roleName)
    {
        CchcPrincipal issued = roleName switch
        {
            CchcRoleNames.CommuneOfficer => CchcPrincipal.CommuneOfficer("ubnd.quangkhai", "30", "11116", "Nguyễn Thị Hoà"),
            CchcRoleNames.Appraiser => CchcPrincipal.Appraiser("hdtd.tuky", "30", "298"),
            CchcRoleNames.ProvinceAdmin => CchcPrincipal.ProvinceAdmin("snv.haiduong", "30"),
            CchcRoleNames.Viewer => CchcPrincipal.Viewer("xem.haiduong", "30"),
            _ => CchcPrincipal.NationalViewer("bonoivu"),
        };

        TokenValidationOutcome outcome = await Validator.ValidateAuthorizationAsync("Bearer " + Issuer.Issue(issued, Hour));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Equal(issued, outcome.Principal);
    }

    [Fact]
    public async Task A_province_appraiser_has_no_district_and_a_name_survives_in_exact_Vietnamese()
    {
        CchcPrincipal issued = CchcPrincipal.Appraiser("hdtd.thainguyen", "19", name: "Hội đồng thẩm định tỉnh Thái Nguyên");

        TokenValidationOutcome outcome = await Validator.ValidateTokenAsync(Issuer.Issue(issued, Hour));

        Assert.True(outcome.Succeeded, outcome.Message);
        Assert.Null(outcome.Principal.DistrictCode);
        Assert.Equal("Hội đồng thẩm định tỉnh Thái Nguyên", outcome.Principal.Name);
        Assert.Equal("hdtd.thainguyen (appraiser of province 19)", outcome.Principal.AuditName);
    }

    [Fact]
    public async Task No_authorization_metadata_is_missing()
    {
        TokenValidationOutcome outcome = await Validator.ValidateAuthorizationAsync(null);

        AssertFailure(outcome, TokenFailure.Missing, "No bearer token");
    }

    [Theory]
    [InlineData("Basic dXNlcjpwYXNz", "must be 'Bearer <token>'")]
    [InlineData("Bearer ", "must be 'Bearer <token>'")]
    [InlineData("Bearer not-a-jwt", "not a well-formed signed JWT")]
    [InlineData("Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0", "not a well-formed signed JWT")]
    public async Task Garbage_is_malformed(string authorization, string expected)
    {
        TokenValidationOutcome outcome = await Validator.ValidateAuthorizationAsync(authorization);

        AssertFailure(outcome, TokenFailure.Malformed, expected);
    }

    [Fact]
    public async Task An_unsigned_token_is_refused()
    {
        string unsigned = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            Expires = _clock.GetUtcNow().UtcDateTime + Hour,
            Claims = new Dictionary<string, object> { ["sub"] = "x", [CchcClaims.Role] = CchcRoleNames.NationalViewer },
        });

        TokenValidationOutcome outcome = await Validator.ValidateTokenAsync(unsigned);

        Assert.False(outcome.Succeeded);
    }

    [Fact]
    public async Task Expiry_follows_the_injected_clock_with_two_minutes_of_skew()
    {
        string token = Issuer.Issue(CchcPrincipal.Viewer("xem", "30"), TimeSpan.FromMinutes(10));
        CchcTokenValidator validator = Validator;

        _clock.Advance(TimeSpan.FromMinutes(11));
        Assert.True((await validator.ValidateTokenAsync(token)).Succeeded, "within the skew");

        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        TokenValidationOutcome outcome = await validator.ValidateTokenAsync(token);

        AssertFailure(outcome, TokenFailure.Expired, "expired at 2026-03-02T08:10:00Z");
        Assert.Contains("2 min of clock skew", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_from_an_issuer_clock_ahead_of_ours_is_not_yet_valid()
    {
        var ahead = new FakeTimeProvider(TestKeys.Start + TimeSpan.FromMinutes(10));
        string token = new DevelopmentTokenIssuer(_options, ahead).Issue(CchcPrincipal.Viewer("xem", "30"), Hour);

        TokenValidationOutcome outcome = await Validator.ValidateTokenAsync(token);

        AssertFailure(outcome, TokenFailure.NotYetValid, "not valid before 2026-03-02T08:10:00Z");
    }

    [Fact]
    public async Task A_token_signed_with_another_key_has_a_bad_signature()
    {
        string forged = new DevelopmentTokenIssuer(TestKeys.Options(), _clock).Issue(CchcPrincipal.ProvinceAdmin("mallory", "30"), Hour);

        AssertFailure(await Validator.ValidateTokenAsync(forged), TokenFailure.BadSignature, "signature does not match");
    }

    [Fact]
    public async Task A_token_whose_payload_was_edited_has_a_bad_signature()
    {
        string viewer = Issuer.Issue(CchcPrincipal.Viewer("xem", "30"), Hour);
        string admin = Issuer.Issue(CchcPrincipal.ProvinceAdmin("xem", "30"), Hour);
        string[] v = viewer.Split('.');
        string[] a = admin.Split('.');
        string spliced = $"{v[0]}.{a[1]}.{v[2]}";

        AssertFailure(await Validator.ValidateTokenAsync(spliced), TokenFailure.BadSignature, "signature does not match");
    }

    [Fact]
    public async Task A_forged_token_that_is_also_expired_is_reported_as_forged()
    {
        var past = new FakeTimeProvider(TestKeys.Start - TimeSpan.FromDays(1));
        string forged = new DevelopmentTokenIssuer(TestKeys.Options(), past).Issue(CchcPrincipal.Viewer("mallory", "30"), Hour);

        AssertFailure(await Validator.ValidateTokenAsync(forged), TokenFailure.BadSignature, "signature does not match");
    }

    [Fact]
    public async Task A_token_of_another_issuer_is_refused_naming_the_trusted_issuer()
    {
        string token = new DevelopmentTokenIssuer(_options with { Issuer = "someone-else" }, _clock).Issue(CchcPrincipal.Viewer("xem", "30"), Hour);

        AssertFailure(await Validator.ValidateTokenAsync(token), TokenFailure.WrongIssuer, "not issued by 'cchc-test'");
    }

    [Fact]
    public async Task A_token_for_another_audience_is_refused_naming_ours()
    {
        string token = new DevelopmentTokenIssuer(_options with { Audience = "other-api" }, _clock).Issue(CchcPrincipal.Viewer("xem", "30"), Hour);

        AssertFailure(await Validator.ValidateTokenAsync(token), TokenFailure.WrongAudience, "audience must be 'cchc-api'");
    }

    [Theory]
    [InlineData("superuser", "role is not one of commune_officer, appraiser, province_admin, viewer, national_viewer")]
    [InlineData("Viewer", "role is not one of")]
    [InlineData(null, "has no role")]
    public async Task An_unknown_role_is_refused(string? role, string expected)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "x", [CchcClaims.Province] = "30" };
        if (role is not null)
        {
            claims[CchcClaims.Role] = role;
        }

        AssertFailure(await Validator.ValidateTokenAsync(Sign(claims)), TokenFailure.UnknownRole, expected);
    }

    [Theory]
    [InlineData(CchcRoleNames.CommuneOfficer, "30", null, null, "needs a 5-digit commune code")]
    [InlineData(CchcRoleNames.CommuneOfficer, null, null, "11116", "needs a 2-digit province code")]
    [InlineData(CchcRoleNames.Appraiser, "30", "29", null, "district code must be 3 digits")]
    [InlineData(CchcRoleNames.Viewer, "30", null, "11116", "has no commune scope")]
    [InlineData(CchcRoleNames.NationalViewer, "30", null, null, "has no province scope")]
    [InlineData(CchcRoleNames.ProvinceAdmin, "3O", null, null, "province code must be 2 digits")]
    public async Task Scope_claims_that_do_not_fit_the_role_are_refused(string role, string? province, string? district, string? commune, string expected)
    {
        var claims = new Dictionary<string, object> { ["sub"] = "x", [CchcClaims.Role] = role };
        Add(claims, CchcClaims.Province, province);
        Add(claims, CchcClaims.District, district);
        Add(claims, CchcClaims.Commune, commune);

        AssertFailure(await Validator.ValidateTokenAsync(Sign(claims)), TokenFailure.InvalidScope, expected);
    }

    [Fact]
    public async Task A_token_without_a_subject_is_refused()
    {
        var claims = new Dictionary<string, object> { [CchcClaims.Role] = CchcRoleNames.NationalViewer };

        AssertFailure(await Validator.ValidateTokenAsync(Sign(claims)), TokenFailure.InvalidScope, "subject (sub) is missing");
    }

    [Fact]
    public async Task A_token_without_expiry_is_refused()
    {
        string token = Sign(new Dictionary<string, object> { ["sub"] = "x", [CchcClaims.Role] = CchcRoleNames.NationalViewer }, expires: false);

        AssertFailure(await Validator.ValidateTokenAsync(token), TokenFailure.NoExpiry, "no expiry");
    }

    [Fact]
    public async Task During_a_key_rotation_tokens_of_the_old_key_still_validate()
    {
        string oldKey = _options.SigningKeys[0];
        string oldToken = Issuer.Issue(CchcPrincipal.Viewer("xem", "30"), Hour);
        var rotated = _options with { SigningKeys = [SigningKey.Generate(), oldKey] };

        Assert.True((await new CchcTokenValidator(rotated, _clock).ValidateTokenAsync(oldToken)).Succeeded);
        Assert.True((await new CchcTokenValidator(rotated, _clock).ValidateTokenAsync(
            new DevelopmentTokenIssuer(rotated, _clock).Issue(CchcPrincipal.Viewer("xem", "30"), Hour))).Succeeded);
        Assert.False((await new CchcTokenValidator(rotated with { SigningKeys = [rotated.SigningKeys[0]] }, _clock).ValidateTokenAsync(oldToken)).Succeeded);
    }

    [Fact]
    public async Task RSA_and_ECDSA_public_keys_in_PEM_validate_tokens_signed_by_their_private_keys()
    {
        using RSA rsa = RSA.Create(2048);
        using ECDsa ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var options = new CchcTokenOptions
        {
            Issuer = "idp.example.gov.vn",
            Audience = "cchc-api",
            PublicKeysPem = [rsa.ExportSubjectPublicKeyInfoPem(), ecdsa.ExportSubjectPublicKeyInfoPem()],
        };
        var validator = new CchcTokenValidator(options, _clock);
        CchcPrincipal admin = CchcPrincipal.ProvinceAdmin("snv.haiduong", "30");

        string rsaToken = new DevelopmentTokenIssuer(options.Issuer, options.Audience,
            new SigningCredentials(new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256), _clock).Issue(admin, Hour);
        string ecToken = new DevelopmentTokenIssuer(options.Issuer, options.Audience,
            new SigningCredentials(new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256), _clock).Issue(admin, Hour);
        using RSA other = RSA.Create(2048);
        string otherToken = new DevelopmentTokenIssuer(options.Issuer, options.Audience,
            new SigningCredentials(new RsaSecurityKey(other), SecurityAlgorithms.RsaSha256), _clock).Issue(admin, Hour);

        Assert.Equal(admin, (await validator.ValidateTokenAsync(rsaToken)).Principal);
        Assert.Equal(admin, (await validator.ValidateTokenAsync(ecToken)).Principal);
        AssertFailure(await validator.ValidateTokenAsync(otherToken), TokenFailure.BadSignature, "signature does not match");
    }

    [Fact]
    public void Bad_key_configuration_is_refused_naming_the_setting()
    {
        Assert.Contains("Auth:SigningKeys[0] is not base64", Refused(_options with { SigningKeys = ["not base64!"] }), StringComparison.Ordinal);
        Assert.Contains("Auth:SigningKeys[0] is 16 bytes", Refused(_options with { SigningKeys = [Convert.ToBase64String(new byte[16])] }), StringComparison.Ordinal);
        Assert.Contains("No signing key", Refused(_options with { SigningKeys = [] }), StringComparison.Ordinal);
        Assert.Contains("Auth:Issuer is empty", Refused(_options with { Issuer = " " }), StringComparison.Ordinal);
        using RSA rsa = RSA.Create(2048);
        Assert.Contains("private key", Refused(_options with { PublicKeysPem = [rsa.ExportPkcs8PrivateKeyPem()] }), StringComparison.Ordinal);
        Assert.Contains("Auth:PublicKeysPem[0] is not PEM", Refused(_options with { PublicKeysPem = ["hello"] }), StringComparison.Ordinal);

        static string Refused(CchcTokenOptions options) =>
            Assert.Throws<SecurityConfigurationException>(() => new CchcTokenValidator(options)).Message;
    }

    [Fact]
    public async Task No_failure_message_echoes_the_token()
    {
        string forged = new DevelopmentTokenIssuer(TestKeys.Options(), _clock).Issue(CchcPrincipal.Viewer("mallory", "30"), Hour);
        string wrongRole = Sign(new Dictionary<string, object> { ["sub"] = "x", [CchcClaims.Role] = "eyJzuperuser" });

        foreach (string token in new[] { forged, wrongRole, "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln" })
        {
            TokenValidationOutcome outcome = await Validator.ValidateAuthorizationAsync("Bearer " + token);
            Assert.False(outcome.Succeeded);
            Assert.DoesNotContain("eyJ", outcome.Message, StringComparison.Ordinal);
        }
    }

    private static void AssertFailure(TokenValidationOutcome outcome, TokenFailure failure, string expected)
    {
        Assert.False(outcome.Succeeded, outcome.Message);
        Assert.Equal(failure, outcome.Failure);
        Assert.Contains(expected, outcome.Message, StringComparison.Ordinal);
    }

    private static void Add(Dictionary<string, object> claims, string name, string? value)
    {
        if (value is not null)
        {
            claims[name] = value;
        }
    }

    // Tokens the development issuer will not make (no role, odd scopes) are signed here with the same key.
    private string Sign(Dictionary<string, object> claims, bool expires = true)
    {
        DateTime now = _clock.GetUtcNow().UtcDateTime;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = _options.Issuer,
            Audience = _options.Audience,
            NotBefore = now,
            Expires = expires ? now + Hour : null,
            Claims = claims,
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Convert.FromBase64String(_options.SigningKeys[0])), SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
