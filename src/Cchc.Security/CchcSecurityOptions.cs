using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;

namespace Cchc.Security;

/// <summary>Every security setting of the server, as the configuration section <c>Auth</c> holds them.</summary>
public sealed record CchcSecurityOptions
{
    public CchcTokenOptions Tokens { get; init; } = new();

    public AccessPolicyOptions Policy { get; init; } = new();

    public RateLimitOptions RateLimit { get; init; } = new();
}
