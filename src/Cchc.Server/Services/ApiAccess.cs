using Cchc.Security;
using Cchc.Security.Policy;
using Cchc.Security.Tokens;
using Grpc.Core;

namespace Cchc.Server.Services;

/// <summary>
/// What every cchc.v1 handler asks: who calls (the principal JwtBearer put in <c>HttpContext.User</c>), and whether
/// the one <see cref="AccessPolicy"/> lets it do what the call touches. Handlers only resolve that into a
/// <see cref="CchcOperation"/> and hand it to <see cref="Demand"/>. With authentication off (the explicit
/// --insecure-no-auth) nothing is checked and the caller names itself in <see cref="CallPrincipal.Header"/>.
/// </summary>
internal sealed class ApiAccess
{
    private readonly AccessPolicy? _policy;

    private ApiAccess(AccessPolicy? policy) => _policy = policy;

    /// <summary>False only when the operator turned authentication off.</summary>
    public bool Enforced => _policy is not null;

    public static ApiAccess Secured(AccessPolicy policy) => new(policy ?? throw new ArgumentNullException(nameof(policy)));

    public static ApiAccess Insecure() => new(null);

    /// <exception cref="RpcException">UNAUTHENTICATED when the call carries no principal (the endpoint's policy lets none through).</exception>
    public ApiCaller Caller(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_policy is null)
        {
            return new ApiCaller(null, CallPrincipal.Of(context));
        }

        var principal = CchcPrincipalClaims.Of(context.GetHttpContext().User)
            ?? throw new RpcException(new Status(StatusCode.Unauthenticated, CchcTokenValidation.MissingMessage));
        return new ApiCaller(principal, principal.AuditName);
    }

    /// <summary>The policy's decision for a principal outside a gRPC call (the live board); allowed when authentication is off.</summary>
    public AccessDecision Decide(CchcPrincipal principal, CchcOperation operation)
    {
        ArgumentNullException.ThrowIfNull(principal);
        ArgumentNullException.ThrowIfNull(operation);
        return _policy?.Authorize(principal, operation) ?? new AccessDecision(true, "authentication is off");
    }

    /// <exception cref="RpcException">PERMISSION_DENIED with the policy's reason.</exception>
    public void Demand(ApiCaller caller, CchcOperation operation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(operation);
        if (_policy is null)
        {
            return;
        }

        var decision = _policy.Authorize(caller.Principal ?? throw new InvalidOperationException("An authenticated call has a principal."), operation);
        if (!decision.Allowed)
        {
            throw new RpcException(new Status(StatusCode.PermissionDenied, decision.Reason));
        }
    }
}
