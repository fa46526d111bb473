using Cchc.Security;
using Cchc.Security.Tokens;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// A signing key the test server is started with, and real tokens signed with it by the security library's
/// <see cref="DevelopmentTokenIssuer"/>: the server checks them exactly as it checks an identity provider's.
/// </summary>
internal sealed class TestTokens
{
    public TestTokens(string? key = null, TimeProvider? timeProvider = null)
    {
        Key = key ?? SigningKey.Generate();
        Options = new CchcTokenOptions { SigningKeys = [Key] };
        Issuer = new DevelopmentTokenIssuer(Options, timeProvider);
    }

    /// <summary>The base64 HMAC-SHA256 key, as Auth:SigningKeys or --auth-key take it.</summary>
    public string Key { get; }

    public CchcTokenOptions Options { get; }

    public DevelopmentTokenIssuer Issuer { get; }

    public static CchcPrincipal ProvinceAdmin(string province) => CchcPrincipal.ProvinceAdmin($"so-noi-vu-{province}", province);

    public static CchcPrincipal Appraiser(string province, string? district = null) =>
        CchcPrincipal.Appraiser(district is null ? $"tham-dinh-{province}" : $"tham-dinh-{district}", province, district);

    public static CchcPrincipal CommuneOfficer(string province, string commune) => CchcPrincipal.CommuneOfficer($"ubnd-{commune}", province, commune);

    public static CchcPrincipal Viewer(string province) => CchcPrincipal.Viewer($"xem-{province}", province);

    public static CchcPrincipal National { get; } = CchcPrincipal.NationalViewer("bo-noi-vu");

    public string Issue(CchcPrincipal principal) => Issuer.Issue(principal, TimeSpan.FromHours(1));

    /// <summary>Call options that send <paramref name="principal"/>'s token.</summary>
    public CallOptions As(CchcPrincipal principal) => Bearer(Issue(principal));

    public static CallOptions Bearer(string token) => new(new Metadata { { "authorization", "Bearer " + token } });

    /// <summary>A client that sends <paramref name="principal"/>'s token with every call, as a configured client would.</summary>
    public ApiClient Client(Uri address, CchcPrincipal principal) => new(address, Issue(principal));
}
