using Microsoft.AspNetCore.Http;

namespace Cchc.Grpc;

/// <summary>
/// Runs one call of one registered method: checks the request is gRPC, starts the deadline, runs the handler and
/// ends the call with a status, always.
/// </summary>
internal abstract class ServerMethodHandler
{
    protected ServerMethodHandler(string serviceName, string methodName, GrpcMethodType type)
    {
        ServiceName = serviceName;
        MethodName = methodName;
        Type = type;
        Path = "/" + serviceName + "/" + methodName;
        MetricTags = GrpcServerMetrics.MethodTags(serviceName, methodName, type);
    }

    public string ServiceName { get; }

    public string MethodName { get; }

    public string Path { get; }

    public GrpcMethodType Type { get; }

    /// <summary>The tags every instrument of this method's calls carries, built once.</summary>
    public KeyValuePair<string, object?>[] MetricTags { get; }

    public async Task HandleAsync(HttpContext httpContext, GrpcServiceOptions options)
    {
        if (!GrpcRequestGate.TryAccept(httpContext, out bool gzipRequest))
        {
            return;
        }

        bool gzipResponse = options.CompressResponses &&
            MessageCodec.AcceptsGzip(httpContext.Request.Headers[GrpcProtocol.AcceptEncodingHeader]);
        GrpcServerMetrics metrics = options.Metrics;
        long started = metrics.CallStarted(MetricTags);
        var context = new GrpcCallContext(httpContext, Path, options, gzipRequest, gzipResponse, MetricTags);
        try
        {
            string? timeout = httpContext.Request.Headers[GrpcProtocol.TimeoutHeader];
            if (timeout is not null)
            {
                if (!GrpcProtocol.TryParseTimeout(timeout, out TimeSpan span))
                {
                    throw new GrpcStatusException(GrpcStatusCode.Internal, $"Malformed grpc-timeout header '{timeout}'.");
                }

                context.StartDeadline(span);
            }

            await InvokeAsync(context);
            context.CompleteOk();
        }
#pragma warning disable CA1031 // Every failure becomes a gRPC status; nothing may escape to Kestrel as a 500.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            context.Fail(ex);
        }
        finally
        {
            context.Release();
            metrics.CallEnded(MetricTags, context.StatusCode, started);
        }
    }

    protected abstract Task InvokeAsync(GrpcCallContext context);
}
