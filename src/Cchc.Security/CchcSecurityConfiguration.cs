using System.Globalization;
using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;
using Microsoft.Extensions.Configuration;

namespace Cchc.Security;

/// <summary>
/// Reads <see cref="CchcSecurityOptions"/> from the configuration section <c>Auth</c> (appsettings.json, or
/// <c>CCHC_Auth__Issuer</c>-style variables). Every key is optional; a value that cannot be read is refused with
/// its key named. See README.md for the keys.
/// </summary>
public static class CchcSecurityConfiguration
{
    public const string SectionName = "Auth";

    public static CchcSecurityOptions Read(IConfiguration auth)
    {
        ArgumentNullException.ThrowIfNull(auth);
        var defaults = new CchcSecurityOptions();
        var tokens = new CchcTokenOptions
        {
            Issuer = auth["Issuer"] ?? defaults.Tokens.Issuer,
            Audience = auth["Audience"] ?? defaults.Tokens.Audience,
            SigningKeys = List(auth, "SigningKeys"),
            PublicKeysPem = [.. List(auth, "PublicKeyFiles").Select(ReadPem)],
            ClockSkew = auth["ClockSkew"] is { } skew ? Duration(skew, "ClockSkew") : defaults.Tokens.ClockSkew,
        };
        return defaults with
        {
            Tokens = tokens,
            Policy = new AccessPolicyOptions
            {
                AllowCrossProvinceUnpublishedReads = auth["AllowCrossProvinceUnpublishedReads"] is { } open && Flag(open, "AllowCrossProvinceUnpublishedReads"),
            },
            RateLimit = new RateLimitOptions
            {
                PermitsPerSecond = auth["RateLimit:PermitsPerSecond"] is { } rate ? Number(rate, "RateLimit:PermitsPerSecond") : defaults.RateLimit.PermitsPerSecond,
                Burst = auth["RateLimit:Burst"] is { } burst ? Number(burst, "RateLimit:Burst") : defaults.RateLimit.Burst,
            },
        };
    }

    // A list is either an array (Auth:SigningKeys:0, :1...) or one comma-separated value, which suits a variable.
    private static List<string> List(IConfiguration auth, string key)
    {
        IConfigurationSection section = auth.GetSection(key);
        IEnumerable<string?> values = section.Value is { } single
            ? single.Split(',')
            : section.GetChildren().Select(child => child.Value);
        return [.. values.Select(v => v?.Trim()).Where(v => !string.IsNullOrEmpty(v)).Select(v => v!)];
    }

    private static string ReadPem(string path)
    {
        try
        {
            return File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new SecurityConfigurationException($"Auth:PublicKeyFiles names '{path}', which cannot be read: {ex.Message}", ex);
        }
    }

    private static TimeSpan Duration(string text, string key) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out TimeSpan value)
            ? value
            : throw new SecurityConfigurationException($"{SectionName}:{key} must be a duration like 00:02:00, not '{text}'.");

    private static int Number(string text, string key) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value)
            ? value
            : throw new SecurityConfigurationException($"{SectionName}:{key} must be a whole number, not '{text}'.");

    private static bool Flag(string text, string key) =>
        bool.TryParse(text, out bool value)
            ? value
            : throw new SecurityConfigurationException($"{SectionName}:{key} must be true or false, not '{text}'.");
}
