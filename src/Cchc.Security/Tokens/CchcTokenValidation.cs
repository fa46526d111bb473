using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Security.Tokens;

/// <summary>
/// The rules a CCHC bearer token is checked by, in one place: the IdentityModel parameters (signature, issuer,
/// audience), the lifetime on the server's clock, and the words a refusal is given in. The JwtBearer handler of the
/// server and <see cref="CchcTokenValidator"/> both use them, so the two cannot disagree.
/// </summary>
public static class CchcTokenValidation
{
    /// <summary>Refusals that name no other reason.</summary>
    public const string MissingMessage = "No bearer token: send the metadata 'authorization: Bearer <token>'.";

    public const string NotBearerMessage = "The authorization metadata must be 'Bearer <token>' (another scheme or no token was sent).";

    public const string SeveralMessage = "Send one 'authorization' metadata entry, not several.";

    public const string MalformedMessage = "The bearer token is not a well-formed signed JWT.";

    /// <exception cref="SecurityConfigurationException">The issuer, audience, skew or keys cannot be used.</exception>
    public static TokenValidationParameters CreateParameters(CchcTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Issuer))
        {
            throw new SecurityConfigurationException("Auth:Issuer is empty: set the issuer every token must carry, e.g. 'cchc'.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            throw new SecurityConfigurationException("Auth:Audience is empty: set the audience every token must carry, e.g. 'cchc-api'.");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(30))
        {
            throw new SecurityConfigurationException($"Auth:ClockSkew is {options.ClockSkew}; it must be between 0 and 30 minutes.");
        }

        var keys = new List<SecurityKey>();
        keys.AddRange(options.SigningKeys.Select(SigningKey.FromBase64));
        keys.AddRange(options.PublicKeysPem.Select(SigningKey.FromPem));
        if (keys.Count == 0)
        {
            throw new SecurityConfigurationException(
                "No signing key is configured: set Auth:SigningKeys (base64 HMAC-SHA256 keys) or Auth:PublicKeyFiles.");
        }

        return new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKeys = keys,
            ValidateIssuer = true,
            ValidateAudience = true,

            // Lifetime is checked after the signature, issuer and audience (CheckLifetime), on the server's
            // TimeProvider: IdentityModel's own check reads the system clock, and would call a forged token "expired".
            ValidateLifetime = false,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            RequireAudience = true,
            ClockSkew = options.ClockSkew,
            ValidAlgorithms =
            [
                SecurityAlgorithms.HmacSha256, SecurityAlgorithms.HmacSha384, SecurityAlgorithms.HmacSha512,
                SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
                SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
            ],
            NameClaimType = CchcClaims.Name,
            RoleClaimType = CchcClaims.Role,
        };
    }

    /// <summary>Why IdentityModel refused a token, in words a caller can act on; never the token itself.</summary>
    public static TokenValidationOutcome Explain(Exception? exception, CchcTokenOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return exception switch
        {
            null => TokenValidationOutcome.Fail(TokenFailure.Missing, MissingMessage),
            CchcTokenRejectedException rejected => TokenValidationOutcome.Fail(rejected.Failure, rejected.Message),
            SecurityTokenInvalidIssuerException => TokenValidationOutcome.Fail(TokenFailure.WrongIssuer,
                $"The bearer token was not issued by '{options.Issuer}', the issuer this server trusts."),
            SecurityTokenInvalidAudienceException => TokenValidationOutcome.Fail(TokenFailure.WrongAudience,
                $"The bearer token is not meant for this server: its audience must be '{options.Audience}'."),
            SecurityTokenInvalidAlgorithmException => TokenValidationOutcome.Fail(TokenFailure.BadSignature,
                "The bearer token is signed with an algorithm this server does not accept (HS256, RS256, ES256 and their longer forms)."),
            SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => TokenValidationOutcome.Fail(TokenFailure.BadSignature,
                "The bearer token's signature does not match any signing key this server trusts."),
            _ => TokenValidationOutcome.Fail(TokenFailure.Malformed, MalformedMessage),
        };
    }

    /// <summary>Expiry (required) and not-before, with the clock skew, at <paramref name="now"/>; null when the lifetime is fine.</summary>
    public static TokenValidationOutcome? CheckLifetime(JsonWebToken jwt, CchcTokenOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(options);
        if (!jwt.TryGetPayloadValue(JwtRegisteredClaimNames.Exp, out long _))
        {
            return TokenValidationOutcome.Fail(TokenFailure.NoExpiry, "The bearer token has no expiry (exp); only tokens that expire are accepted.");
        }

        DateTime utcNow = now.UtcDateTime;
        TimeSpan skew = options.ClockSkew;
        DateTime expires = jwt.ValidTo;
        bool hasNotBefore = jwt.TryGetPayloadValue(JwtRegisteredClaimNames.Nbf, out long _);
        if (hasNotBefore && jwt.ValidFrom > expires)
        {
            return TokenValidationOutcome.Fail(TokenFailure.Malformed, "The bearer token's lifetime is invalid: it expires before it becomes valid.");
        }

        if (hasNotBefore && jwt.ValidFrom > utcNow + skew)
        {
            return TokenValidationOutcome.Fail(TokenFailure.NotYetValid,
                $"The bearer token is not valid before {Format(jwt.ValidFrom)} (now {Format(utcNow)}, {Minutes(skew)} of clock skew allowed); check the issuer's clock.");
        }

        if (expires < utcNow - skew)
        {
            return TokenValidationOutcome.Fail(TokenFailure.Expired,
                $"The bearer token expired at {Format(expires)} (now {Format(utcNow)}, {Minutes(skew)} of clock skew allowed); get a new token.");
        }

        return null;
    }

    /// <summary>A validated token's lifetime, then its principal: what the server accepts, or why not.</summary>
    public static TokenValidationOutcome Accept(JsonWebToken jwt, CchcTokenOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        return CheckLifetime(jwt, options, now) ?? CchcPrincipalClaims.Read(jwt.Claims);
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan skew) =>
        skew.TotalSeconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{skew.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{skew.TotalSeconds:0} s");
}
