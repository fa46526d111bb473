namespace Cchc.Security.Tokens;

/// <summary>How bearer tokens are checked (and how development tokens are signed). Bound from configuration.</summary>
public sealed record CchcTokenOptions
{
    /// <summary>The <c>iss</c> every token must carry.</summary>
    public string Issuer { get; init; } = "cchc";

    /// <summary>The <c>aud</c> every token must carry.</summary>
    public string Audience { get; init; } = "cchc-api";

    /// <summary>
    /// HMAC-SHA256 keys, each base64 of at least 32 random bytes. Any of them validates; the first signs development
    /// tokens, so a rotation puts the new key first and keeps the old one until its tokens have expired.
    /// </summary>
    public IReadOnlyList<string> SigningKeys { get; init; } = [];

    /// <summary>RSA or ECDSA public keys in PEM (<c>-----BEGIN PUBLIC KEY-----</c>), for tokens an identity provider signs.</summary>
    public IReadOnlyList<string> PublicKeysPem { get; init; } = [];

    /// <summary>How far the issuer's clock may be from ours when expiry and not-before are checked.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(2);
}
