using System.Collections.Concurrent;
using Cchc.Security;
using Cchc.Security.Tokens;
using Grpc.Core;

namespace Cchc.Cluster.Tests;

/// <summary>
/// The signing key every server of the cluster is started with (--auth-key), and real tokens signed with it by the
/// security library's <see cref="DevelopmentTokenIssuer"/>: any server checks a token another one would.
/// </summary>
internal sealed class ClusterTokens
{
    private readonly DevelopmentTokenIssuer _issuer;
    private readonly ConcurrentDictionary<CchcPrincipal, Metadata> _headers = new();

    public ClusterTokens()
    {
        Key = SigningKey.Generate();
        _issuer = new DevelopmentTokenIssuer(new CchcTokenOptions { SigningKeys = [Key] });
    }

    /// <summary>The base64 HMAC-SHA256 key, as --auth-key takes it.</summary>
    public string Key { get; }

    public static CchcPrincipal Admin(string province) => CchcPrincipal.ProvinceAdmin($"so-noi-vu-{province}", province);

    /// <summary>The province's appraisal council: it enters round 1 for every commune of the province.</summary>
    public static CchcPrincipal Council(string province) => CchcPrincipal.Appraiser($"hoi-dong-tham-dinh-{province}", province, null);

    public static CchcPrincipal National { get; } = CchcPrincipal.NationalViewer("bo-noi-vu");

    /// <summary>Options for one call as <paramref name="principal"/>, which must end within <paramref name="deadline"/>.</summary>
    public CallOptions Call(CchcPrincipal principal, TimeSpan deadline, CancellationToken cancellationToken = default) =>
        new(_headers.GetOrAdd(principal, p => new Metadata { { "authorization", "Bearer " + _issuer.Issue(p, TimeSpan.FromHours(2)) } }),
            DateTime.UtcNow + deadline, cancellationToken);
}
