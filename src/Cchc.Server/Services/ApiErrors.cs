using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Grains;
using Cchc.Runtime;
using Grpc.Core;

namespace Cchc.Server.Services;

/// <summary>
/// The one place domain refusals become gRPC statuses (applied by <see cref="Interceptors.ErrorInterceptor"/>), so a
/// handler simply lets the domain's exception travel. Anything unexpected is INTERNAL with a generic message: the
/// exception's own text stays in the server log, never reaches the caller, and no call ends as UNKNOWN.
/// </summary>
internal static class ApiErrors
{
    public const string InternalMessage =
        "The server failed to handle the call (the server log has the details); retry, and report it if it repeats.";

    /// <summary>The status for an exception, or null to let it pass as it is (already a status, or the call was cancelled).</summary>
    public static RpcException? ToStatus(Exception exception, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(context);
        return exception switch
        {
            RpcException => null,
            OperationCanceledException when context.CancellationToken.IsCancellationRequested => null,
            RequestRejectedException rejected => Status(rejected.Kind switch
            {
                RejectionKind.NotFound => StatusCode.NotFound,
                RejectionKind.FailedPrecondition => StatusCode.FailedPrecondition,
                RejectionKind.PermissionDenied => StatusCode.PermissionDenied,
                _ => StatusCode.InvalidArgument,
            }, rejected.Message),
            FrameworkValidationException invalid => Status(StatusCode.InvalidArgument, invalid.Message),
            ScoreInputException input => Status(StatusCode.InvalidArgument, input.Message),
            GrainRuntimeStoppedException => Status(StatusCode.Unavailable, "The server is shutting down; retry against a running server."),
            TimeoutException => Status(StatusCode.Unavailable, "The server is overloaded and did not answer in time; retry later."),
            _ => Status(StatusCode.Internal, InternalMessage),
        };
    }

    /// <summary>True when <see cref="ToStatus"/> hides the exception behind INTERNAL, so it must be logged.</summary>
    public static bool IsUnexpected(RpcException status) => status.StatusCode == StatusCode.Internal && status.Status.Detail == InternalMessage;

    private static RpcException Status(StatusCode code, string message) => new(new Status(code, message));
}
