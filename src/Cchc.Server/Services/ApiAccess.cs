using Cchc.Grpc;
using Cchc.Security;
using Cchc.Security.Policy;

namespace Cchc.Server.Services;

/// <summary>
/// The gate every cchc.v1 handler passes first. With authentication on it is <see cref="GrpcAuth"/>: the bearer
/// token, the principal's rate limit and the one <see cref="AccessPolicy"/>. With authentication off (the explicit
/// --insecure-no-auth) nothing is checked and the caller names itself in <see cref="CallPrincipal.Header"/>.
/// Handlers only resolve what a call touches into a <see cref="CchcOperation"/> and hand it to <see cref="Demand"/>.
/// </summary>
internal sealed class ApiAccess
{
    private readonly GrpcAuth? _auth;

    private ApiAccess(GrpcAuth? auth) => _auth = auth;

    /// <summary>False only when the operator turned authentication off.</summary>
    public bool Enforced => _auth is not null;

    public static ApiAccess Secured(GrpcAuth auth) => new(auth ?? throw new ArgumentNullException(nameof(auth)));

    public static ApiAccess Insecure() => new(null);

    /// <exception cref="GrpcStatusException">UNAUTHENTICATED, or RESOURCE_EXHAUSTED over the principal's rate limit.</exception>
    public async ValueTask<ApiCaller> AuthenticateAsync(GrpcCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (_auth is null)
        {
            return new ApiCaller(null, CallPrincipal.Of(context));
        }

        var principal = await _auth.AuthenticateAsync(context);
        return new ApiCaller(principal, principal.AuditName);
    }

    /// <exception cref="GrpcStatusException">PERMISSION_DENIED with the policy's reason.</exception>
    public void Demand(ApiCaller caller, CchcOperation operation)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(operation);
        if (_auth is not null)
        {
            _auth.Demand(caller.Principal ?? throw new InvalidOperationException("An authenticated call has a principal."), operation);
        }
    }
}
