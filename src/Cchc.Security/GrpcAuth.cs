using System.Globalization;
using System.Threading.RateLimiting;
using Cchc.Grpc;
using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;

namespace Cchc.Security;

/// <summary>
/// What a gRPC handler calls first: <see cref="AuthenticateAsync"/> (token, then the principal's rate limit), then
/// <see cref="Demand"/> with the operation the call performs. Failures are thrown as the status the client must see:
/// UNAUTHENTICATED, PERMISSION_DENIED or RESOURCE_EXHAUSTED. Health and reflection handlers do not call it.
/// </summary>
public sealed class GrpcAuth : IDisposable
{
    /// <summary>The request metadata that carries <c>Bearer &lt;token&gt;</c>.</summary>
    public const string AuthorizationKey = "authorization";

    private static readonly object PrincipalKey = new();

    private readonly bool _ownsLimiter;

    public GrpcAuth(CchcTokenValidator validator, AccessPolicy policy, PrincipalRateLimiter rateLimiter, int maxBatchItems)
    {
        ArgumentNullException.ThrowIfNull(validator);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(rateLimiter);
        if (maxBatchItems < 1)
        {
            throw new SecurityConfigurationException($"MaxBatchItems must be at least 1 (got {maxBatchItems}).");
        }

        Validator = validator;
        Policy = policy;
        RateLimiter = rateLimiter;
        MaxBatchItems = maxBatchItems;
    }

    private GrpcAuth(CchcSecurityOptions options, TimeProvider timeProvider)
        : this(new CchcTokenValidator(options.Tokens, timeProvider), new AccessPolicy(options.Policy),
            new PrincipalRateLimiter(options.RateLimit, timeProvider), options.MaxBatchItems) =>
        _ownsLimiter = true;

    public CchcTokenValidator Validator { get; }

    public AccessPolicy Policy { get; }

    public PrincipalRateLimiter RateLimiter { get; }

    public int MaxBatchItems { get; }

    /// <summary>Builds the validator, policy and limiter from one set of options; throws <see cref="SecurityConfigurationException"/>.</summary>
    public static GrpcAuth Create(CchcSecurityOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new GrpcAuth(options, timeProvider ?? TimeProvider.System);
    }

    /// <summary>
    /// Validates the call's bearer token and charges one call to the principal's rate limit. The principal is kept
    /// on the call, for <see cref="PrincipalOf"/>.
    /// </summary>
    /// <exception cref="GrpcStatusException">UNAUTHENTICATED with the reason, or RESOURCE_EXHAUSTED over the rate limit.</exception>
    public async ValueTask<CchcPrincipal> AuthenticateAsync(GrpcCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        GrpcMetadata headers = context.RequestHeaders;
        if (headers.Count(entry => entry.Key == AuthorizationKey) > 1)
        {
            // Which of two tokens counts would depend on proxies' header order; refuse rather than guess.
            throw new GrpcStatusException(GrpcStatusCode.Unauthenticated, "Send one 'authorization' metadata entry, not several.");
        }

        TokenValidationOutcome outcome = await Validator.ValidateAuthorizationAsync(headers.GetValue(AuthorizationKey));
        if (!outcome.Succeeded)
        {
            throw new GrpcStatusException(GrpcStatusCode.Unauthenticated, outcome.Message);
        }

        CchcPrincipal principal = outcome.Principal;
        using (RateLimitLease lease = RateLimiter.AttemptAcquire(principal.Subject))
        {
            if (!lease.IsAcquired)
            {
                string retry = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after)
                    ? string.Create(CultureInfo.InvariantCulture, $"retry in {Math.Max(1, Math.Ceiling(after.TotalSeconds)):0} s")
                    : "retry shortly";
                throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted, string.Create(CultureInfo.InvariantCulture,
                    $"Rate limit: '{principal.Subject}' may make {RateLimiter.Options.PermitsPerSecond} calls a second " +
                    $"(bursts of {RateLimiter.Options.Burst}); {retry}."));
            }
        }

        context.HttpContext.Items[PrincipalKey] = principal;
        return principal;
    }

    /// <summary>Asks the policy; a denial is thrown as PERMISSION_DENIED with the policy's reason.</summary>
    public void Demand(CchcPrincipal principal, CchcOperation operation)
    {
        AccessDecision decision = Policy.Authorize(principal, operation);
        if (!decision.Allowed)
        {
            throw new GrpcStatusException(GrpcStatusCode.PermissionDenied, decision.Reason);
        }
    }

    /// <summary>Refuses a batch of more than <see cref="MaxBatchItems"/> items with RESOURCE_EXHAUSTED.</summary>
    /// <param name="itemCount">How many items the request carries.</param>
    /// <param name="what">The request, for the message, e.g. "SubmitScores".</param>
    public void DemandBatchSize(int itemCount, string what)
    {
        if (itemCount > MaxBatchItems)
        {
            throw new GrpcStatusException(GrpcStatusCode.ResourceExhausted, string.Create(CultureInfo.InvariantCulture,
                $"{what} carries {itemCount} items; a batch may carry at most {MaxBatchItems}: split it into smaller batches."));
        }
    }

    /// <summary>The principal <see cref="AuthenticateAsync"/> established for this call, or null before it ran.</summary>
    public static CchcPrincipal? PrincipalOf(GrpcCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.HttpContext.Items.TryGetValue(PrincipalKey, out object? value) ? value as CchcPrincipal : null;
    }

    public void Dispose()
    {
        if (_ownsLimiter)
        {
            RateLimiter.Dispose();
        }
    }
}
