using System.Diagnostics.CodeAnalysis;

namespace Cchc.Security.Tokens;

/// <summary>A validated principal, or why there is none, in a message fit for an UNAUTHENTICATED status.</summary>
public sealed record TokenValidationOutcome
{
    private TokenValidationOutcome(CchcPrincipal? principal, TokenFailure? failure, string message)
    {
        Principal = principal;
        Failure = failure;
        Message = message;
    }

    public CchcPrincipal? Principal { get; }

    public TokenFailure? Failure { get; }

    /// <summary>For a failure, what is wrong and what to do; it never contains the token.</summary>
    public string Message { get; }

    [MemberNotNullWhen(true, nameof(Principal))]
    [MemberNotNullWhen(false, nameof(Failure))]
    public bool Succeeded => Principal is not null;

    public static TokenValidationOutcome Success(CchcPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return new TokenValidationOutcome(principal, null, $"Authenticated as {principal.AuditName}.");
    }

    public static TokenValidationOutcome Fail(TokenFailure failure, string message)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message);
        return new TokenValidationOutcome(null, failure, message);
    }
}
