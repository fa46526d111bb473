namespace Cchc.Security.Policy;

/// <summary>Allowed or not, and why, in a sentence a person can act on.</summary>
public sealed record AccessDecision(bool Allowed, string Reason)
{
    public static AccessDecision Allow(string reason) => new(true, reason);

    public static AccessDecision Deny(string reason) => new(false, reason);
}
