using System.Diagnostics;
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
        return ObserveAsync(context, "unary", async method =>
        {
            method.MessagesReceived(1);
            var response = await continuation(request, context);
            method.MessagesSent(1);
            return response;
        });
    }

    public override Task<TResponse> ClientStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, ServerCallContext context, ClientStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(context, "client_stream", async method =>
        {
            var response = await continuation(new CountingReader<TRequest>(requestStream, method), context);
            method.MessagesSent(1);
            return response;
        });
    }

    public override Task ServerStreamingServerHandler<TRequest, TResponse>(
        TRequest request, IServerStreamWriter<TResponse> responseStream, ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(context, "server_stream", async method =>
        {
            method.MessagesReceived(1);
            var writer = new CountingWriter<TResponse>(responseStream, method);
            try
            {
                await continuation(request, writer, context);
            }
            finally
            {
                writer.CountBuffered();
            }

            return true;
        });
    }

    public override Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        ArgumentNullException.ThrowIfNull(continuation);
        return ObserveAsync(context, "bidi_stream", async method =>
        {
            var writer = new CountingWriter<TResponse>(responseStream, method);
            try
            {
                await continuation(new CountingReader<TRequest>(requestStream, method), writer, context);
            }
            finally
            {
                writer.CountBuffered();
            }

            return true;
        });
    }

    // One place for every call shape: started, in flight, the final status and the duration.
    private async Task<T> ObserveAsync<T>(ServerCallContext context, string type, Func<GrpcMethodCounts, Task<T>> call)
    {
        ArgumentNullException.ThrowIfNull(context);
        var method = GrpcCallMetrics.Method(context.Method, type);
        method.CallStarted();
        var started = Stopwatch.GetTimestamp();
        var code = StatusCode.Unknown;
        try
        {
            var result = await call(method);
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
            metrics.CallEnded(method, code, started);
        }
    }

    private static StatusCode CodeOf(Exception exception, ServerCallContext context) => exception switch
    {
        RpcException rpc => rpc.StatusCode,
        OperationCanceledException when context.Deadline <= DateTime.UtcNow => StatusCode.DeadlineExceeded,
        OperationCanceledException or IOException when context.CancellationToken.IsCancellationRequested => StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    private sealed class CountingReader<T>(IAsyncStreamReader<T> inner, GrpcMethodCounts method) : IAsyncStreamReader<T>
    {
        public T Current => inner.Current;

        public async Task<bool> MoveNext(CancellationToken cancellationToken)
        {
            var moved = await inner.MoveNext(cancellationToken);
            if (moved)
            {
                method.MessagesReceived(1);
            }

            return moved;
        }
    }

    // Counts a message when its write completes; a write with WriteFlags.BufferHint, which stays in the stream's buffer
    // until a later write flushes it, is counted with that write: it is sent no sooner. Writes on one stream never
    // overlap (gRPC refuses a write while another is pending), so the count needs no lock.
    private sealed class CountingWriter<T>(IServerStreamWriter<T> inner, GrpcMethodCounts method) : IServerStreamWriter<T>
    {
        private int _buffered;

        public WriteOptions? WriteOptions
        {
            get => inner.WriteOptions;
            set => inner.WriteOptions = value;
        }

        public Task WriteAsync(T message)
        {
            var buffered = IsBuffered;
            return Counted(inner.WriteAsync(message), buffered);
        }

        public Task WriteAsync(T message, CancellationToken cancellationToken)
        {
            var buffered = IsBuffered;
            return Counted(inner.WriteAsync(message, cancellationToken), buffered);
        }

        /// <summary>Counts the buffered messages no later write flushed: the call's end sends them.</summary>
        public void CountBuffered()
        {
            if (_buffered > 0)
            {
                method.MessagesSent(_buffered);
                _buffered = 0;
            }
        }

        private bool IsBuffered => inner.WriteOptions is { } options && (options.Flags & WriteFlags.BufferHint) != 0;

        // A write that completes at once (most of a watch's) is counted without an async state machine.
        private Task Counted(Task write, bool buffered)
        {
            if (write.IsCompletedSuccessfully)
            {
                Written(buffered);
                return write;
            }

            return CountedAsync(write, buffered);
        }

        private async Task CountedAsync(Task write, bool buffered)
        {
            await write;
            Written(buffered);
        }

        private void Written(bool buffered)
        {
            _buffered++;
            if (!buffered)
            {
                CountBuffered();
            }
        }
    }
}
