using Cchc.Api.V1;
using Cchc.Security.Policy;
using Cchc.Server.Admission;
using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cchc.Server.Interceptors;

/// <summary>
/// Holds every call to a slot of <see cref="CallAdmission"/> while its handler runs, so the server never takes on more
/// than its limit. Not limited: health and reflection (load balancers must reach a full server), and the live ranking
/// watch, which lasts for hours and has its own bound (<see cref="Hosting.ServerOptions.MaxWatches"/>).
/// </summary>
internal sealed class AdmissionInterceptor(CallAdmission admission) : Interceptor
{
    private static readonly string WatchMethod = $"/{RankingService.Descriptor.FullName}/{RankingService.Descriptor.FindMethodByName("WatchRanking").Name}";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        using var slot = await AdmitAsync(context);
        return await continuation(request, context);
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        using var slot = await AdmitAsync(context);
        return await continuation(requestStream, context);
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        using var slot = await AdmitAsync(context);
        await continuation(request, responseStream, context);
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        using var slot = await AdmitAsync(context);
        await continuation(requestStream, responseStream, context);
    }

    private async ValueTask<IDisposable?> AdmitAsync(ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (CchcRpcAccess.IsOpen(context.Method) || context.Method == WatchMethod)
        {
            return null;
        }

        return await admission.AdmitAsync(context.Deadline, context.CancellationToken);
    }
}
