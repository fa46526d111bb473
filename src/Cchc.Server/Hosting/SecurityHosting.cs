using System.Globalization;
using System.Net;
using Cchc.Security;
using Cchc.Security.Authentication;
using Cchc.Security.Grpc;
using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;
using Cchc.Server.Services;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Server.Hosting;

/// <summary>
/// Authentication as the host sets it up: JwtBearer over the Auth settings or, with no key configured, over the data
/// directory's own key (<see cref="SigningKeyFile"/>), the one access policy and the per-principal rate limit; or
/// nothing at all when the operator chose --insecure-no-auth.
/// </summary>
internal static class SecurityHosting
{
    /// <summary>The subject of the token printed at start-up.</summary>
    public const string DevelopmentSubject = "cchc-server-development";

    /// <summary>How long the printed token lives: a working day and a half, so it does not outlive its purpose.</summary>
    public static readonly TimeSpan DevelopmentTokenLifetime = TimeSpan.FromHours(12);

    /// <returns>The line printed after the banner (the development token, or why none is printed), or null.</returns>
    /// <exception cref="ServerStartException">The key file is damaged or unreadable, or the Auth settings are unusable.</exception>
    public static string? AddCchcSecurity(this IServiceCollection services, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.InsecureNoAuth)
        {
            services.AddSingleton(ApiAccess.Insecure());
            return null;
        }

        var settings = options.Security;
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
            notice = IsLoopback(options.Host)
                ? DevelopmentNotice(settings.Tokens, options.TimeProvider, directory)
                : NoDevelopmentTokenNotice(options.Listen, directory);
        }

        try
        {
            services.AddCchcAuthentication(settings.Tokens);
            services.AddSingleton(new PrincipalRateLimiter(settings.RateLimit, options.TimeProvider));
        }
        catch (SecurityConfigurationException e)
        {
            throw new ServerStartException($"the Auth settings cannot be used: {e.Message}", e);
        }

        services.AddSingleton<RateLimitInterceptor>();
        services.AddSingleton(ApiAccess.Secured(new AccessPolicy(settings.Policy)));
        return notice;
    }

    public static bool IsLoopback(string host) =>
        host == "localhost" || (IPAddress.TryParse(host, out var address) && IPAddress.IsLoopback(address));

    private static string DevelopmentNotice(CchcTokenOptions tokens, TimeProvider time, string directory)
    {
        var token = new DevelopmentTokenIssuer(tokens, time).Issue(CchcPrincipal.NationalViewer(DevelopmentSubject), DevelopmentTokenLifetime);
        var until = (time.GetUtcNow() + DevelopmentTokenLifetime).UtcDateTime.ToString("yyyy-MM-dd HH:mm'Z'", CultureInfo.InvariantCulture);
        return $"cchc-server: no Auth:SigningKeys configured, so tokens are signed with {Path.Combine(directory, SigningKeyFile.FileName)}; " +
            $"issue others with `cchc token --data-dir {directory} --role province-admin --province NN`. " +
            $"Development token (national viewer: reads every province, writes nothing; valid until {until}): {token}";
    }

    // A token printed to a console that others may read, for a listener others can reach, is a credential handed out.
    private static string NoDevelopmentTokenNotice(string listen, string directory) =>
        $"cchc-server: no Auth:SigningKeys configured, so tokens are signed with {Path.Combine(directory, SigningKeyFile.FileName)}; " +
        $"no development token is printed because {listen} is not a loopback address. " +
        $"Issue tokens with `cchc token --data-dir {directory} --role ROLE ...` on this machine.";
}
