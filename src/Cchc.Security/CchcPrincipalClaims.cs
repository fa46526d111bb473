using System.Security.Claims;
using Cchc.Security.Tokens;

namespace Cchc.Security;

/// <summary>
/// Reads a <see cref="CchcPrincipal"/> from a token's claims (<see cref="CchcClaims"/>): when the token is accepted, and
/// again where a handler takes the caller from <c>HttpContext.User</c>. A claim that does not fit the role refuses the
/// token, so a token cannot look narrower than it is.
/// </summary>
public static class CchcPrincipalClaims
{
    public static TokenValidationOutcome Read(IEnumerable<Claim> claims)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var values = claims as IReadOnlyCollection<Claim> ?? [.. claims];
        string? roleName = Value(values, CchcClaims.Role);
        if (!CchcRoleNames.TryParse(roleName, out CchcRole role))
        {
            return TokenValidationOutcome.Fail(TokenFailure.UnknownRole, roleName is null
                ? $"The bearer token has no role: claim '{CchcClaims.Role}' must be one of {string.Join(", ", CchcRoleNames.All)}."
                : $"The bearer token's role is not one of {string.Join(", ", CchcRoleNames.All)}.");
        }

        return CchcPrincipal.TryCreate(
            Value(values, CchcClaims.Subject), role, Value(values, CchcClaims.Province), Value(values, CchcClaims.District),
            Value(values, CchcClaims.Commune), Value(values, CchcClaims.Name), out CchcPrincipal? principal, out string? problem)
            ? TokenValidationOutcome.Success(principal)
            : TokenValidationOutcome.Fail(TokenFailure.InvalidScope, "The bearer token's claims do not fit its role: " + problem);
    }

    /// <summary>The principal of an authenticated user, or null when it carries no CCHC claims that fit.</summary>
    public static CchcPrincipal? Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        return user.Identity?.IsAuthenticated == true && Read(user.Claims) is { Succeeded: true } outcome ? outcome.Principal : null;
    }

    // Only a single string value counts: codes have leading zeros, so a number (or an array) is as good as absent.
    private static string? Value(IReadOnlyCollection<Claim> claims, string type)
    {
        var matching = claims.Where(c => c.Type == type).Take(2).ToList();
        return matching is [{ ValueType: ClaimValueTypes.String, Value.Length: > 0 } only] ? only.Value : null;
    }
}
