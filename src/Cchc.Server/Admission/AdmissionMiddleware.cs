using Cchc.Api.V1;
using Cchc.Security.Policy;
using Microsoft.AspNetCore.Http;

namespace Cchc.Server.Admission;

/// <summary>
/// Holds every limited gRPC call to a slot of <see cref="CallAdmission"/> for as long as the rest of the pipeline runs
/// it. Placed before authentication, routing and grpc-dotnet, so that a refusal costs the server only Kestrel's work on
/// the request headers: no token validated, no message parsed. A refusal is a gRPC trailers-only answer (HTTP 200,
/// grpc-status 8 RESOURCE_EXHAUSTED, the percent-encoded message and the <c>grpc-retry-pushback-ms</c> trailer), and a
/// client that resets its stream leaves the queue at once (HttpContext.RequestAborted). Not limited: requests that are
/// not gRPC (the metrics listener's), health and reflection (load balancers must reach a full server), and the live
/// ranking watch, which lasts for hours and has its own bound (<see cref="Hosting.ServerOptions.MaxWatches"/>).
/// </summary>
internal sealed class AdmissionMiddleware(RequestDelegate next, CallAdmission admission)
{
    private static readonly string WatchMethod = $"/{RankingService.Descriptor.FullName}/{RankingService.Descriptor.FindMethodByName("WatchRanking").Name}";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!IsLimited(context.Request))
        {
            await next(context);
            return;
        }

        CallSlot slot;
        try
        {
            slot = await admission.AdmitAsync(GrpcWire.Timeout(context.Request.Headers["grpc-timeout"]), context.RequestAborted);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client reset the stream while the call waited: there is no one to answer.
            return;
        }

        using (slot)
        {
            if (slot.Refusal is { } refusal)
            {
                await RefuseAsync(context, refusal);
                return;
            }

            await next(context);
        }
    }

    private static bool IsLimited(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) &&
        request.Path.Value is { } path && path != WatchMethod && !CchcRpcAccess.IsOpen(path);

    // Trailers-only: the status travels in the one HEADERS frame, which ends the response since no body follows; it is
    // sent at once. Then the request's message is read to its end and dropped (Kestrel's request body limit bounds it):
    // a stream answered before its DATA frame arrived would otherwise be forgotten by Kestrel once its drain time passes
    // (Http2Connection.UpdateCompletedStreams), and a DATA frame arriving after that, from a client slowed by the same
    // overload, is a frame on an unknown stream, which Kestrel answers by closing the whole connection (STREAM_CLOSED)
    // and every call on it.
    private static async Task RefuseAsync(HttpContext context, AdmissionRefusal refusal)
    {
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = "8";
        response.Headers["grpc-message"] = GrpcWire.PercentEncode(refusal.Message);
        response.Headers[CallAdmission.PushbackTrailer] = refusal.PushbackMilliseconds;
        await response.CompleteAsync();
        try
        {
            await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or BadHttpRequestException)
        {
            // The client reset the stream or sent more than the limit: the answer has gone, there is nothing to drain.
        }
    }
}
