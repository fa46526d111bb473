using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Security.Tokens;

/// <summary>
/// Signs tokens for a local setup and for tests: the role and scope of a <see cref="CchcPrincipal"/>, with the
/// configured issuer, audience and first signing key. Production tokens come from the organisation's identity
/// provider, with the same claims (<see cref="CchcClaims"/>).
/// </summary>
public sealed class DevelopmentTokenIssuer
{
    /// <summary>The longest lifetime a development token may have.</summary>
    public static readonly TimeSpan MaxLifetime = TimeSpan.FromDays(366);

    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };
    private readonly string _issuer;
    private readonly string _audience;
    private readonly SigningCredentials _credentials;
    private readonly TimeProvider _timeProvider;

    /// <summary>Signs with the first of <see cref="CchcTokenOptions.SigningKeys"/> (HMAC-SHA256).</summary>
    public DevelopmentTokenIssuer(CchcTokenOptions options, TimeProvider? timeProvider = null)
        : this(
            (options ?? throw new ArgumentNullException(nameof(options))).Issuer,
            options.Audience,
            options.SigningKeys.Count > 0
                ? new SigningCredentials(SigningKey.FromBase64(options.SigningKeys[0], 0), SecurityAlgorithms.HmacSha256)
                : throw new SecurityConfigurationException("Development tokens need a symmetric key: set Auth:SigningKeys."),
            timeProvider)
    {
    }

    /// <summary>Signs with any key and algorithm, e.g. an RSA or ECDSA private key in tests of PEM validation.</summary>
    public DevelopmentTokenIssuer(string issuer, string audience, SigningCredentials credentials, TimeProvider? timeProvider = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(issuer);
        ArgumentException.ThrowIfNullOrWhiteSpace(audience);
        ArgumentNullException.ThrowIfNull(credentials);
        _issuer = issuer;
        _audience = audience;
        _credentials = credentials;
        _timeProvider = timeProvider ?? TimeProvider.System;
    }

    /// <summary>A compact JWT for <paramref name="principal"/>, valid from now for <paramref name="lifetime"/>.</summary>
    public string Issue(CchcPrincipal principal, TimeSpan lifetime)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (lifetime <= TimeSpan.Zero || lifetime > MaxLifetime)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), lifetime, $"A development token lives more than 0 and at most {MaxLifetime.TotalDays:0} days.");
        }

        DateTime now = _timeProvider.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object>(StringComparer.Ordinal)
        {
            [CchcClaims.Subject] = principal.Subject,
            [CchcClaims.Role] = CchcRoleNames.Of(principal.Role),
        };
        if (principal.Name != principal.Subject)
        {
            claims[CchcClaims.Name] = principal.Name;
        }

        AddIfSet(claims, CchcClaims.Province, principal.ProvinceCode);
        AddIfSet(claims, CchcClaims.District, principal.DistrictCode);
        AddIfSet(claims, CchcClaims.Commune, principal.CommuneCode);
        return _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = _issuer,
            Audience = _audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + lifetime,
            Claims = claims,
            SigningCredentials = _credentials,
        });
    }

    private static void AddIfSet(Dictionary<string, object> claims, string name, string? value)
    {
        if (value is not null)
        {
            claims[name] = value;
        }
    }
}
