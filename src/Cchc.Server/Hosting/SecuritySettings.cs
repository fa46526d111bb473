using Cchc.Security;
using Cchc.Security.Limits;
using Cchc.Security.Tokens;
using Microsoft.Extensions.Configuration;

namespace Cchc.Server.Hosting;

/// <summary>
/// Reads the server's Auth settings (see src/Cchc.Security/README.md): the <c>Auth</c> section of the configuration
/// files, <c>CCHC_AUTH__*</c> variables over it (<c>CCHC_AUTH__SIGNINGKEYS=k1,k2</c>, <c>CCHC_AUTH__RATELIMIT__BURST=200</c>),
/// and one key given by --auth-key (or CCHC_AUTH_KEY) over both. A value that cannot be used is refused here, so the
/// server exits 2 naming it instead of failing at its first call.
/// </summary>
internal static class SecuritySettings
{
    /// <summary>The flag, without a value, that turns authentication off.</summary>
    public const string InsecureFlag = "--insecure-no-auth";

    public const string EnvironmentPrefix = "CCHC_AUTH__";

    public const string UsageLine = "  " + InsecureFlag + "   run with authentication off (callers name themselves in x-cchc-principal); local tests only, warned on every start";

    /// <param name="file">The configuration files, whose <c>Auth</c> section is read.</param>
    /// <param name="environment">The process environment.</param>
    /// <param name="authKey">--auth-key or CCHC_AUTH_KEY with where it came from, or null.</param>
    /// <exception cref="ServerConfigurationException">A setting cannot be used; the message names it.</exception>
    public static CchcSecurityOptions Read(IConfiguration file, IReadOnlyDictionary<string, string?> environment, (string Value, string Source)? authKey)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(environment);
        var variables = environment
            .Where(e => e.Key.StartsWith(EnvironmentPrefix, StringComparison.OrdinalIgnoreCase) && e.Value is { Length: > 0 })
            .Select(e => KeyValuePair.Create(CchcSecurityConfiguration.SectionName + ":" + e.Key[EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), e.Value));
        var merged = new ConfigurationBuilder().AddConfiguration(file).AddInMemoryCollection(variables).Build();
        try
        {
            var options = CchcSecurityConfiguration.Read(merged.GetSection(CchcSecurityConfiguration.SectionName));
            if (authKey is { } key)
            {
                options = options with { Tokens = options.Tokens with { SigningKeys = [key.Value.Trim()] } };
            }

            Check(options);
            return options;
        }
        catch (SecurityConfigurationException e)
        {
            var source = authKey is { } key && e.Message.Contains("SigningKeys", StringComparison.Ordinal) ? $"{key.Source}: " : "";
            throw new ServerConfigurationException(source + e.Message, e);
        }
    }

    // Built once and dropped: the same checks the server makes at start, run while the operator is still reading.
    // No key at all is fine here; the data directory's key fills in at start.
    private static void Check(CchcSecurityOptions options)
    {
        if (options.Tokens.SigningKeys.Count > 0 || options.Tokens.PublicKeysPem.Count > 0)
        {
            _ = CchcTokenValidation.CreateParameters(options.Tokens);
        }

        using var limiter = new PrincipalRateLimiter(options.RateLimit);
    }
}
