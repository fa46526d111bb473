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
                Refuse(context.Response, refusal);
                return;
            }

            await next(context);
        }
    }

    private static bool IsLimited(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase) &&
        request.Path.Value is { } path && path != WatchMethod && !CchcRpcAccess.IsOpen(path);

    // Trailers-only: the status travels in the one HEADERS frame, which ends the stream since no body follows.
    private static void Refuse(HttpResponse response, AdmissionRefusal refusal)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers["grpc-status"] = "8";
        response.Headers["grpc-message"] = GrpcWire.PercentEncode(refusal.Message);
        response.Headers[CallAdmission.PushbackTrailer] = refusal.PushbackMilliseconds;
    }
}
