using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Grains;
using Cchc.Grpc;
using Cchc.Runtime;
using Microsoft.Extensions.Logging;

namespace Cchc.Server.Services;

/// <summary>
/// The one place domain refusals become gRPC statuses. Every handler is registered through <see cref="Guard{TRequest, TResponse}"/>
/// (or its streaming forms), so a service method simply lets the domain's exception travel.
/// </summary>
internal sealed partial class ApiErrors(ILogger logger)
{
    public Func<TRequest, GrpcCallContext, Task<TResponse>> Guard<TRequest, TResponse>(Func<TRequest, GrpcCallContext, Task<TResponse>> handler) =>
        async (request, context) =>
        {
            try
            {
                return await handler(request, context);
            }
            catch (Exception e) when (ToStatus(e, context) is { } status)
            {
                throw status;
            }
        };

    public Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>> Guard<TRequest, TResponse>(
        Func<IAsyncEnumerable<TRequest>, GrpcCallContext, Task<TResponse>> handler) =>
        async (requests, context) =>
        {
            try
            {
                return await handler(requests, context);
            }
            catch (Exception e) when (ToStatus(e, context) is { } status)
            {
                throw status;
            }
        };

    public Func<TRequest, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task> Guard<TRequest, TResponse>(
        Func<TRequest, GrpcServerStreamWriter<TResponse>, GrpcCallContext, Task> handler)
        where TResponse : class, Google.Protobuf.IMessage<TResponse> =>
        async (request, writer, context) =>
        {
            try
            {
                await handler(request, writer, context);
            }
            catch (Exception e) when (ToStatus(e, context) is { } status)
            {
                throw status;
            }
        };

    /// <summary>The status for an exception, or null to let it pass as it is (already a status, or the call was cancelled).</summary>
    internal GrpcStatusException? ToStatus(Exception exception, GrpcCallContext context)
    {
        switch (exception)
        {
            case GrpcStatusException:
                return null;
            case OperationCanceledException when context.CancellationToken.IsCancellationRequested:
                return null;
            case RequestRejectedException rejected:
                return new GrpcStatusException(rejected.Kind switch
                {
                    RejectionKind.NotFound => GrpcStatusCode.NotFound,
                    RejectionKind.FailedPrecondition => GrpcStatusCode.FailedPrecondition,
                    RejectionKind.PermissionDenied => GrpcStatusCode.PermissionDenied,
                    _ => GrpcStatusCode.InvalidArgument,
                }, rejected.Message);
            case FrameworkValidationException invalid:
                return new GrpcStatusException(GrpcStatusCode.InvalidArgument, invalid.Message);
            case ScoreInputException input:
                return new GrpcStatusException(GrpcStatusCode.InvalidArgument, input.Message);
            case GrainRuntimeStoppedException:
                return new GrpcStatusException(GrpcStatusCode.Unavailable, "The server is shutting down; retry against a running server.");
            case TimeoutException:
                return new GrpcStatusException(GrpcStatusCode.Unavailable, "The server is overloaded and did not answer in time; retry later.");
            default:
                LogFailure(logger, exception, context.Method);
                return new GrpcStatusException(GrpcStatusCode.Internal,
                    "The server failed to handle the call (the server log has the details); retry, and report it if it repeats.",
                    innerException: exception);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Call {Method} failed")]
    private static partial void LogFailure(ILogger logger, Exception exception, string method);
}
