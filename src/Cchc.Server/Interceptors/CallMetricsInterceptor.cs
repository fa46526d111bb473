using Grpc.Core;
using Grpc.Core.Interceptors;

namespace Cchc.Server.Interceptors;

/// <summary>
/// Counts every call that reaches a service (cchc.v1, health, reflection) in <see cref="GrpcCallMetrics"/>: started,
/// in flight, handled by final status, duration, and each stream message. It runs outermost, so the status it records
/// is the one <see cref="ErrorInterceptor"/> settled on. Calls refused by authentication never reach a service; ASP.NET
/// Core's own http.server.request.duration counts them.
/// </summary>
internal sealed class CallMetricsInterceptor(GrpcCallMetrics metrics) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var tags = GrpcCallMetrics.MethodTags(context.Method, "unary");
        var started = metrics.CallStarted(tags);
        var code = StatusCode.Unknown;
        try
        {
            metrics.MessageReceived(tags);
            var response = await continuation(request, context);
            metrics.MessageSent(tags);
            code = StatusCode.OK;
            return response;
        }
        catch (Exception e)
        {
            code = CodeOf(e, context);
            throw;
        }
        finally
        {
            metrics.CallEnded(tags, code, started);
        }
    }

    public override async Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var tags = GrpcCallMetrics.MethodTags(context.Method, "client_stream");
        var started = metrics.CallStarted(tags);
        var code = StatusCode.Unknown;
        try
        {
            var response = await continuation(new CountingReader<TRequest>(requestStream, () => metrics.MessageReceived(tags)), context);
            metrics.MessageSent(tags);
            code = StatusCode.OK;
            return response;
        }
        catch (Exception e)
        {
            code = CodeOf(e, context);
            throw;
        }
        finally
        {
            metrics.CallEnded(tags, code, started);
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var tags = GrpcCallMetrics.MethodTags(context.Method, "server_stream");
        var started = metrics.CallStarted(tags);
        var code = StatusCode.Unknown;
        try
        {
            metrics.MessageReceived(tags);
            await continuation(request, new CountingWriter<TResponse>(responseStream, () => metrics.MessageSent(tags)), context);
            code = StatusCode.OK;
        }
        catch (Exception e)
        {
            code = CodeOf(e, context);
            throw;
        }
        finally
        {
            metrics.CallEnded(tags, code, started);
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(continuation);
        var tags = GrpcCallMetrics.MethodTags(context.Method, "bidi_stream");
        var started = metrics.CallStarted(tags);
        var code = StatusCode.Unknown;
        try
        {
            await continuation(
                new CountingReader<TRequest>(requestStream, () => metrics.MessageReceived(tags)),
                new CountingWriter<TResponse>(responseStream, () => metrics.MessageSent(tags)),
                context);
            code = StatusCode.OK;
        }
        catch (Exception e)
        {
            code = CodeOf(e, context);
            throw;
        }
        finally
        {
            metrics.CallEnded(tags, code, started);
        }
    }

    private static StatusCode CodeOf(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.Deadline <= DateTime.UtcNow => StatusCode.DeadlineExceeded,
        OperationCanceledException or IOException when context.CancellationToken.IsCancellationRequested => StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    private sealed class CountingReader<T>(IAsyncStreamReader<T> inner, Action onMessage) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var moved = await inner.MoveNext(cancellationToken);
            if (moved)
            {
                onMessage();
            }

            return moved;
        }
    }

    private sealed class CountingWriter<T>(IServerStreamWriter<T> inner, Action onMessage) : IServerStreamWriter<T>
    {
        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public async Task WriteAsync(T message)
        {
            await inner.WriteAsync(message);
            onMessage();
        }

        public async Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            await inner.WriteAsync(message, cancellationToken);
            onMessage();
        }
    }
}
