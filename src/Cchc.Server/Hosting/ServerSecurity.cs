using System.Globalization;
using System.Net;
using Cchc.Security;
using Cchc.Security.Tokens;
using Cchc.Server.Services;
using Microsoft.Extensions.Logging;

namespace Cchc.Server.Hosting;

/// <summary>
/// Authentication as the running host holds it: the <see cref="GrpcAuth"/> built from the Auth settings, or, with no
/// key configured, from the data directory's own key (<see cref="SigningKeyFile"/>), in which case the host prints a
/// development token; or nothing at all when the operator chose --insecure-no-auth, which is logged on every start.
/// </summary>
internal sealed partial class ServerSecurity : IDisposable
{
    /// <summary>The subject of the token printed at start-up.</summary>
    public const string DevelopmentSubject = "cchc-server-development";

    /// <summary>How long the printed token lives: a working day and a half, so it does not outlive its purpose.</summary>
    public static readonly TimeSpan DevelopmentTokenLifetime = TimeSpan.FromHours(12);

    private readonly GrpcAuth? _auth;

    private ServerSecurity(ApiAccess access, GrpcAuth? auth, string? notice)
    {
        Access = access;
        _auth = auth;
        Notice = notice;
    }

    public ApiAccess Access { get; }

    /// <summary>The line printed after the banner (the development token and how to issue others), or null.</summary>
    public string? Notice { get; }

    /// <exception cref="ServerStartException">The key file is damaged or unreadable, or the Auth settings are unusable.</exception>
    public static ServerSecurity Start(ServerOptions options, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        if (options.InsecureNoAuth)
        {
            LogInsecure(logger, options.Listen, Services.CallPrincipal.Header);
            return new ServerSecurity(ApiAccess.Insecure(), null, null);
        }

        var settings = options.Security with { MaxBatchItems = options.MaxBatchItems };
        string? notice = null;
        if (settings.Tokens.SigningKeys.Count == 0 && settings.Tokens.PublicKeysPem.Count == 0)
        {
            var directory = Path.GetFullPath(options.DataDirectory);
            string key;
            try
            {
                key = SigningKeyFile.LoadOrCreate(directory, out _);
            }
            catch (Exception e) when (e is SecurityConfigurationException or IOException or UnauthorizedAccessException)
            {
                throw new ServerStartException($"cannot use the signing key in {directory}: {e.Message.ReplaceLineEndings(" ")}", e);
            }

            settings = settings with { Tokens = settings.Tokens with { SigningKeys = [key] } };
            notice = DevelopmentNotice(settings.Tokens, options.TimeProvider, directory);
        }

        GrpcAuth auth;
        try
        {
            auth = GrpcAuth.Create(settings, options.TimeProvider);
        }
        catch (SecurityConfigurationException e)
        {
            throw new ServerStartException($"the Auth settings cannot be used: {e.Message}", e);
        }

        if (!IsLoopback(options.Host))
        {
            LogCleartext(logger, options.Listen);
        }

        return new ServerSecurity(ApiAccess.Secured(auth), auth, notice);
    }

    public void Dispose() => _auth?.Dispose();

    private static string DevelopmentNotice(CchcTokenOptions tokens, TimeProvider time, string directory)
    {
        var token = new DevelopmentTokenIssuer(tokens, time).Issue(CchcPrincipal.NationalViewer(DevelopmentSubject), DevelopmentTokenLifetime);
        var until = (time.GetUtcNow() + DevelopmentTokenLifetime).UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        return $"cchc-server: no Auth:SigningKeys configured, so tokens are signed with {Path.Combine(directory, SigningKeyFile.FileName)}; " +
            $"issue others with `cchc token --data-dir {directory} --role province-admin --province NN`. " +
            $"Development token (national viewer: reads every province, writes nothing; valid until {until}): {token}";
    }

    private static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "AUTHENTICATION IS OFF (--insecure-no-auth): every caller on {Listen} may read and write everything, and names itself in the '{Header}' header. Use it only for a local test.")]
    private static partial void LogInsecure(ILogger logger, string listen, string header);

    [LoggerMessage(Level = LogLevel.Warning, Message =
        "Listening on {Listen}, which is not loopback, over cleartext HTTP/2: bearer tokens can be read and replayed on the network. Put TLS in front (a proxy terminating TLS) or listen on loopback.")]
    private static partial void LogCleartext(ILogger logger, string listen);
}
