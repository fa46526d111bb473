namespace Cchc.Security.Tokens;

/// <summary>Why a bearer token was not accepted; each has its own message.</summary>
public enum TokenFailure
{
    /// <summary>No <c>authorization</c> metadata.</summary>
    Missing = 1,

    /// <summary>Not <c>Bearer &lt;token&gt;</c>, or not a well-formed signed JWT.</summary>
    Malformed,

    /// <summary>Past its <c>exp</c> (beyond the clock skew).</summary>
    Expired,

    /// <summary>Before its <c>nbf</c> (beyond the clock skew).</summary>
    NotYetValid,

    /// <summary>Has no <c>exp</c>: every token must expire.</summary>
    NoExpiry,

    /// <summary>Its signature matches no configured key, or uses an algorithm we do not accept.</summary>
    BadSignature,

    /// <summary>Its <c>iss</c> is not the configured issuer.</summary>
    WrongIssuer,

    /// <summary>Its <c>aud</c> is not the configured audience.</summary>
    WrongAudience,

    /// <summary>Its <c>cchc_role</c> is missing or not a role we know.</summary>
    UnknownRole,

    /// <summary>Its subject or scope claims do not fit its role (e.g. a commune officer without a commune).</summary>
    InvalidScope,
}
