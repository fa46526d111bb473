using Cchc.Api.V1;
using Cchc.Cli.Rpc;
using Cchc.Security;
using Cchc.Security.Tokens;

namespace Cchc.Cli.Demo;

/// <summary>
/// The demo plays every role of a season, and the server lets each role do only its own part: with the server's
/// development key it issues itself a token per role (a commune officer per commune, the province's appraiser, its
/// administrator). Without a key every call goes through the one connection it was given (a server run with
/// --insecure-no-auth, or a token with enough rights).
/// </summary>
internal sealed class DemoCredentials(CchcConnection shared, DevelopmentTokenIssuer? issuer, string province) : IDisposable
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(2);
    private readonly Dictionary<string, CchcConnection> _connections = new(StringComparer.Ordinal);

    /// <summary>Imports units, puts the framework, enters survey points, publishes.</summary>
    public CchcConnection Administrator => For("admin", () => CchcPrincipal.ProvinceAdmin("demo-so-noi-vu", province));

    /// <summary>The connection that may enter <paramref name="stage"/> for <paramref name="commune"/>.</summary>
    public CchcConnection For(Stage stage, string commune) => stage switch
    {
        Stage.SelfAssessment or Stage.Explanation => For($"xa-{commune}", () => CchcPrincipal.CommuneOfficer($"demo-ubnd-{commune}", province, commune)),
        Stage.AppraisalRound1 or Stage.AppraisalRound2 => For("appraiser", () => CchcPrincipal.Appraiser("demo-hoi-dong-tham-dinh", province, null)),
        _ => Administrator,
    };

    public static DemoCredentials Create(CchcConnection shared, string? signingKey, string province) =>
        new(shared, signingKey is null ? null : new DevelopmentTokenIssuer(new CchcTokenOptions { SigningKeys = [signingKey] }), province);

    public void Dispose()
    {
        foreach (var connection in _connections.Values)
        {
            connection.Dispose();
        }
    }

    private CchcConnection For(string name, Func<CchcPrincipal> principal)
    {
        if (issuer is null)
        {
            return shared;
        }

        if (!_connections.TryGetValue(name, out var connection))
        {
            connection = new CchcConnection(shared.Server, issuer.Issue(principal(), Lifetime));
            _connections[name] = connection;
        }

        return connection;
    }
}
