using Cchc.Server.Services;
using Grpc.Core;
using Grpc.Core.Interceptors;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Cchc.Server.Interceptors;

/// <summary>
/// Maps what a handler throws to the status the caller sees (<see cref="ApiErrors"/>), in every call shape: a domain
/// refusal to its status and message, a failure of the storage or of Orleans itself (and anything failing while the
/// server stops) to UNAVAILABLE, anything unexpected to INTERNAL with a generic message, logged here.
/// </summary>
internal sealed partial class ErrorInterceptor(ILogger<ErrorInterceptor> logger, IHostApplicationLifetime lifetime) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(request, context);
        }
        catch (Exception e) when (Map(e, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            return await continuation(requestStream, context);
        }
        catch (Exception e) when (Map(e, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (Exception e) when (Map(e, context) is { } status)
        {
            throw status;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception e) when (Map(e, context) is { } status)
        {
            throw status;
        }
    }

    private RpcException? Map(Exception exception, ServerCallContext context)
    {
        var status = ApiErrors.ToStatus(exception, context, lifetime.ApplicationStopping.IsCancellationRequested);
        if (status is null)
        {
            return null;
        }

        if (ApiErrors.IsUnexpected(status))
        {
            LogFailure(logger, exception, context.Method);
        }
        else if (status.StatusCode == StatusCode.Unavailable && exception is not Grains.StorageUnavailableException)
        {
            // The grains log their storage failures; the runtime's own are logged here, once per call.
            LogUnavailable(logger, exception, context.Method);
        }

        return status;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {Method} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Call {Method} answered UNAVAILABLE")]
    private static partial void LogUnavailable(ILogger logger, Exception exception, string method);
}
