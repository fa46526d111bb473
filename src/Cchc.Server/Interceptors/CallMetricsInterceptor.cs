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
    public override Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(context, "unary", async tags =>
        {
            metrics.MessageReceived(tags);
            var response = await continuation(request, context);
            metrics.MessageSent(tags);
            return response;
        });
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(context, "client_stream", async tags =>
        {
            var response = await continuation(new CountingReader<TRequest>(requestStream, () => metrics.MessageReceived(tags)), context);
            metrics.MessageSent(tags);
            return response;
        });
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(context, "server_stream", async tags =>
        {
            metrics.MessageReceived(tags);
            await continuation(request, new CountingWriter<TResponse>(responseStream, () => metrics.MessageSent(tags)), context);
            return true;
        });
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(context, "bidi_stream", async tags =>
        {
            await continuation(
                new CountingReader<TRequest>(requestStream, () => metrics.MessageReceived(tags)),
                new CountingWriter<TResponse>(responseStream, () => metrics.MessageSent(tags)),
                context);
            return true;
        });
    }

    // One measurement for every call shape: started, in flight, the final status and the duration.
    private async Task<T> ObserveAsync<T>(ServerCallContext context, string type, Func<KeyValuePair<string, object?>[], Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tags = GrpcCallMetrics.MethodTags(context.Method, type);
        var started = metrics.CallStarted(tags);
        var code = StatusCode.Unknown;
        try
        {
            var result = await call(tags);
            code = StatusCode.OK;
            return result;
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

        public Task WriteAsync(T message) => Counted(inner.WriteAsync(message));

        public Task WriteAsync(T message, CancellationToken cancellationToken) => Counted(inner.WriteAsync(message, cancellationToken));

        // A write that completes at once (most of a watch's, buffered) is counted without an async state machine: there
        // is one such write per watcher per message.
        private Task Counted(Task write)
        {
            if (write.IsCompletedSuccessfully)
            {
                onMessage();
                return write;
            }

            return CountedAsync(write);
        }

        private async Task CountedAsync(Task write)
        {
            await write;
            onMessage();
        }
    }
}
