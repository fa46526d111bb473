using System.Globalization;
using System.Threading.RateLimiting;
using Cchc.Security.Limits;
using Cchc.Security.Policy;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cchc.Security.Grpc;

/// <summary>
/// Charges every call of an authenticated principal to its bucket in <see cref="PrincipalRateLimiter"/>; a call
/// without a permit is RESOURCE_EXHAUSTED, saying when to retry. Open services (health, reflection) and calls with
/// no principal (authentication off) are not limited.
/// </summary>
public sealed class RateLimitInterceptor(PrincipalRateLimiter limiter) : Interceptor
{
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Charge(context);
        return continuation(request, context);
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Charge(context);
        return continuation(requestStream, context);
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Charge(context);
        return continuation(request, responseStream, context);
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        Charge(context);
        return continuation(requestStream, responseStream, context);
    }

    private void Charge(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CchcRpcAccess.IsOpen(context.Method) || CchcPrincipalClaims.Of(context.GetHttpContext().User) is not { } principal)
        {
            return;
        }

        using RateLimitLease lease = limiter.AttemptAcquire(principal.Subject);
        if (lease.IsAcquired)
        {
            return;
        }

        string retry = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after)
            ? string.Create(CultureInfo.InvariantCulture, $"retry in {Math.Max(1, Math.Ceiling(after.TotalSeconds)):0} s")
            : "retry shortly";
        throw new RpcException(new Status(StatusCode.ResourceExhausted, string.Create(CultureInfo.InvariantCulture,
            $"Rate limit: '{principal.Subject}' may make {limiter.Options.PermitsPerSecond} calls a second (bursts of {limiter.Options.Burst}); {retry}.")));
    }
}
