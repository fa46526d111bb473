using Cchc.Api.V1;
using Cchc.Cli.Rpc;
using Cchc.Security;
using Cchc.Security.Tokens;

namespace Cchc.Cli.Demo;

/// <summary>
/// The demo plays every role of a season, and the server lets each role do only its own part: with the server's
/// development key it issues itself a token per role (a commune officer per commune, the province's appraiser, its
/// administrator), each role's calls carrying its own token over the command's one channel. Without a key every
/// call goes out as the command's own caller (a server run with --insecure-no-auth, or a token with enough rights).
/// </summary>
internal sealed class DemoCredentials(CchcConnection connection, DevelopmentTokenIssuer? issuer, string province)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    private readonly Dictionary<string, CchcClients> _callers = new(StringComparer.Ordinal);

    /// <summary>Imports units, puts the framework, enters survey points, publishes.</summary>
    public CchcClients Administrator => For("admin", () => CchcPrincipal.ProvinceAdmin("demo-so-noi-vu", province));

    /// <summary>The caller that may enter <paramref name="stage"/> for <paramref name="commune"/>.</summary>
    public CchcClients For(Stage stage, string commune) => stage switch
    {
        Stage.SelfAssessment or Stage.Explanation => For($"xa-{commune}", () => CchcPrincipal.CommuneOfficer($"demo-ubnd-{commune}", province, commune)),
        Stage.AppraisalRound1 or Stage.AppraisalRound2 => For("appraiser", () => CchcPrincipal.Appraiser("demo-hoi-dong-tham-dinh", province, null)),
        _ => Administrator,
    };

    public static DemoCredentials Create(CchcConnection connection, string? signingKey, string province) =>
        new(connection, signingKey is null ? null : new DevelopmentTokenIssuer(new CchcTokenOptions { SigningKeys = [signingKey] }), province);

    private CchcClients For(string name, Func<CchcPrincipal> principal)
    {
        if (issuer is null)
        {
            return connection.Clients;
        }

        if (!_callers.TryGetValue(name, out var clients))
        {
            clients = connection.WithToken(issuer.Issue(principal(), Lifetime));
            _callers[name] = clients;
        }

        return clients;
    }
}
