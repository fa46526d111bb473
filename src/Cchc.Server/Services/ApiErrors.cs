using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Grains;
using Grpc.Core;
using Orleans.Runtime;
using Orleans.Storage;

namespace Cchc.Server.Services;

/// <summary>
/// The one place refusals and failures become gRPC statuses (applied by <see cref="Interceptors.ErrorInterceptor"/>),
/// so a handler simply lets the grains' exceptions travel. Anything unexpected is INTERNAL with a generic message:
/// the exception's own text stays in the server log, never reaches the caller, and no call ends as UNKNOWN.
/// </summary>
internal static class ApiErrors
{
    public const string InternalMessage =
        "The server failed to handle the call (the server log has the details); retry, and report it if it repeats.";

    public const string ShuttingDownMessage = "The server is shutting down; retry, on another server of the cluster if there is one.";

    public const string OverloadedMessage = "The server is overloaded and did not answer in time; retry later.";

    public const string ClusterMessage = "The server could not reach the part of the service that holds this data; retry shortly.";

    public const string ConflictMessage = "Another writer changed the same data at the same moment; nothing of this call was stored. Send it again.";

    /// <summary>
    /// The status for an exception, or null to let it pass as it is (a status whose message fits, or the call was
    /// cancelled). Every message is bounded (<see cref="StatusDetail"/>): refusals quote the caller's input back.
    /// </summary>
    /// <param name="exception">What the handler threw.</param>
    /// <param name="context">The call.</param>
    /// <param name="serverStopping">True once the server began to stop: whatever fails then fails because of it.</param>
    public static RpcException? ToStatus(Exception exception, ServerCallContext context, bool serverStopping = false)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        return exception switch
        {
            RpcException rpc => Shortened(rpc),
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => null,
            RequestRejectedException rejected => Status(rejected.Kind switch
            {
                RejectionKind.NotFound => StatusCode.NotFound,
                RejectionKind.FailedPrecondition => StatusCode.FailedPrecondition,
                RejectionKind.PermissionDenied => StatusCode.PermissionDenied,
                RejectionKind.Aborted => StatusCode.Aborted,
                RejectionKind.ResourceExhausted => StatusCode.ResourceExhausted,
                _ => StatusCode.InvalidArgument,
            }, rejected.Message),
            FrameworkValidationException invalid => Status(StatusCode.InvalidArgument, invalid.Message),
            ScoreInputException input => Status(StatusCode.InvalidArgument, input.Message),

            // The grains already said what failed and that a retry is safe.
            StorageUnavailableException storage => Status(StatusCode.Unavailable, storage.Message),

            // A stale ETag: Orleans dropped the activation, the next call reads the stored state afresh.
            InconsistentStateException => Status(StatusCode.Aborted, ConflictMessage),
            _ when serverStopping => Status(StatusCode.Unavailable, ShuttingDownMessage),

            // Orleans' own failures to deliver a call: a silo gone or going (SiloUnavailableException is one), a
            // message it refused or could not route, a call that took longer than the response timeout.
            OrleansMessageRejectionException or SiloUnavailableException or ClientNotAvailableException or
                OrleansLifecycleCanceledException => Status(StatusCode.Unavailable, ClusterMessage),

            // Not the caller's cancellation: Orleans gave up placing or activating the grain (its directory partition
            // was on a silo that just died or restarted). The next attempt lands on the settled cluster.
            OperationCanceledException => Status(StatusCode.Unavailable, ClusterMessage),
            TimeoutException => Status(StatusCode.Unavailable, OverloadedMessage),
            _ => Status(StatusCode.Internal, InternalMessage),
        };
    }

    /// <summary>True when <see cref="ToStatus"/> hides the exception behind INTERNAL, so it must be logged.</summary>
    public static bool IsUnexpected(RpcException status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return status.StatusCode == StatusCode.Internal && status.Status.Detail == InternalMessage;
    }

    private static RpcException? Shortened(RpcException status)
    {
        var detail = StatusDetail.Bounded(status.Status.Detail);
        return ReferenceEquals(detail, status.Status.Detail) ? null : new RpcException(new Status(status.StatusCode, detail), status.Trailers);
    }

    private static RpcException Status(StatusCode code, string message) => new(new Status(code, StatusDetail.Bounded(message)));
}
