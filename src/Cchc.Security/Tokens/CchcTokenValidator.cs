using System.Globalization;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Cchc.Security.Tokens;

/// <summary>
/// Checks a bearer token with the IdentityModel JWT handler (signature, issuer, audience, expiry and not-before
/// with the clock skew) and reads the CCHC principal from its claims. Thread-safe; make one per process.
/// </summary>
public sealed class CchcTokenValidator
{
    private const string BearerPrefix = "Bearer ";

    private readonly JsonWebTokenHandler _handler = new();
    private readonly TokenValidationParameters _parameters;
    private readonly CchcTokenOptions _options;
    private readonly TimeProvider _timeProvider;

    public CchcTokenValidator(CchcTokenOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _parameters = CreateParameters(options);
    }

    public CchcTokenOptions Options => _options;

    /// <summary>Validates the value of the <c>authorization</c> metadata, which must be <c>Bearer &lt;token&gt;</c>.</summary>
    public Task<TokenValidationOutcome> ValidateAuthorizationAsync(string? authorization)
    {
        if (string.IsNullOrWhiteSpace(authorization))
        {
            return Task.FromResult(TokenValidationOutcome.Fail(TokenFailure.Missing,
                "No bearer token: send the metadata 'authorization: Bearer <token>'."));
        }

        string value = authorization.Trim();
        if (!value.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase) || value.Length == BearerPrefix.Length)
        {
            return Task.FromResult(TokenValidationOutcome.Fail(TokenFailure.Malformed,
                "The authorization metadata must be 'Bearer <token>' (another scheme or no token was sent)."));
        }

        return ValidateTokenAsync(value[BearerPrefix.Length..].Trim());
    }

    /// <summary>Validates a compact JWT (without the <c>Bearer</c> prefix).</summary>
    public async Task<TokenValidationOutcome> ValidateTokenAsync(string token)
    {
        if (string.IsNullOrWhiteSpace(token))
        {
            return TokenValidationOutcome.Fail(TokenFailure.Missing, "No bearer token: send the metadata 'authorization: Bearer <token>'.");
        }

        TokenValidationResult result = await _handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            return Explain(result.Exception);
        }

        var jwt = (JsonWebToken)result.SecurityToken;
        return CheckLifetime(jwt) ?? ReadPrincipal(jwt);
    }

    private TokenValidationOutcome Explain(Exception? exception) => exception switch
    {
        SecurityTokenInvalidIssuerException => TokenValidationOutcome.Fail(TokenFailure.WrongIssuer,
            $"The bearer token was not issued by '{_options.Issuer}', the issuer this server trusts."),
        SecurityTokenInvalidAudienceException => TokenValidationOutcome.Fail(TokenFailure.WrongAudience,
            $"The bearer token is not meant for this server: its audience must be '{_options.Audience}'."),
        SecurityTokenInvalidAlgorithmException => TokenValidationOutcome.Fail(TokenFailure.BadSignature,
            "The bearer token is signed with an algorithm this server does not accept (HS256, RS256, ES256 and their longer forms)."),
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => TokenValidationOutcome.Fail(TokenFailure.BadSignature,
            "The bearer token's signature does not match any signing key this server trusts."),
        _ => TokenValidationOutcome.Fail(TokenFailure.Malformed,
            "The bearer token is not a well-formed signed JWT."),
    };

    private static TokenValidationOutcome ReadPrincipal(JsonWebToken jwt)
    {
        string? roleName = Claim(jwt, CchcClaims.Role);
        if (!CchcRoleNames.TryParse(roleName, out CchcRole role))
        {
            return TokenValidationOutcome.Fail(TokenFailure.UnknownRole, roleName is null
                ? $"The bearer token has no role: claim '{CchcClaims.Role}' must be one of {string.Join(", ", CchcRoleNames.All)}."
                : $"The bearer token's role is not one of {string.Join(", ", CchcRoleNames.All)}.");
        }

        return CchcPrincipal.TryCreate(
            Claim(jwt, CchcClaims.Subject), role, Claim(jwt, CchcClaims.Province), Claim(jwt, CchcClaims.District),
            Claim(jwt, CchcClaims.Commune), Claim(jwt, CchcClaims.Name), out CchcPrincipal? principal, out string? problem)
            ? TokenValidationOutcome.Success(principal)
            : TokenValidationOutcome.Fail(TokenFailure.InvalidScope, "The bearer token's claims do not fit its role: " + problem);
    }

    // A claim that is not a string (a number, an array) is as good as absent: codes have leading zeros.
    private static string? Claim(JsonWebToken jwt, string name) =>
        jwt.TryGetPayloadValue(name, out string? value) && !string.IsNullOrEmpty(value) ? value : null;

    private static TokenValidationParameters CreateParameters(CchcTokenOptions options)
    {
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
                "No signing key is configured: set Auth:SigningKeys (base64 HMAC-SHA256 keys) or Auth:PublicKeysPem.");
        }

        return new TokenValidationParameters
        {
            ValidIssuer = options.Issuer,
            ValidAudience = options.Audience,
            IssuerSigningKeys = keys,
            ValidateIssuer = true,
            ValidateAudience = true,
            // Lifetime is checked after the signature, issuer and audience, on our clock (the handler's own clock
            // cannot be set in this version, and it would report "expired" for a forged token before "forged").
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
            // Claims are read by their JWT names; nothing is renamed to the long WS-Federation URIs.
            NameClaimType = CchcClaims.Name,
            RoleClaimType = CchcClaims.Role,
        };
    }

    private TokenValidationOutcome? CheckLifetime(JsonWebToken jwt)
    {
        if (!jwt.TryGetPayloadValue(JwtRegisteredClaimNames.Exp, out long _))
        {
            return TokenValidationOutcome.Fail(TokenFailure.NoExpiry, "The bearer token has no expiry (exp); only tokens that expire are accepted.");
        }

        DateTime now = _timeProvider.GetUtcNow().UtcDateTime;
        TimeSpan skew = _options.ClockSkew;
        DateTime expires = jwt.ValidTo;
        bool hasNotBefore = jwt.TryGetPayloadValue(JwtRegisteredClaimNames.Nbf, out long _);
        if (hasNotBefore && jwt.ValidFrom > expires)
        {
            return TokenValidationOutcome.Fail(TokenFailure.Malformed, "The bearer token's lifetime is invalid: it expires before it becomes valid.");
        }

        if (hasNotBefore && jwt.ValidFrom > now + skew)
        {
            return TokenValidationOutcome.Fail(TokenFailure.NotYetValid,
                $"The bearer token is not valid before {Format(jwt.ValidFrom)} (now {Format(now)}, {Minutes(skew)} of clock skew allowed); check the issuer's clock.");
        }

        if (expires < now - skew)
        {
            return TokenValidationOutcome.Fail(TokenFailure.Expired,
                $"The bearer token expired at {Format(expires)} (now {Format(now)}, {Minutes(skew)} of clock skew allowed); get a new token.");
        }

        return null;
    }

    private static string Format(DateTime utc) => utc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static string Minutes(TimeSpan skew) =>
        skew.TotalSeconds % 60 == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{skew.TotalMinutes:0} min")
            : string.Create(CultureInfo.InvariantCulture, $"{skew.TotalSeconds:0} s");
}
