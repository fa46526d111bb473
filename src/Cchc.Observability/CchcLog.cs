using Microsoft.Extensions.Logging;

namespace Cchc.Observability;

/// <summary>
/// The service's significant events, one structured line each. They carry codes, names and counts, never a
/// score, a token or a connection string: what an operator needs to act, nothing a log reader should not see.
/// </summary>
public static partial class CchcLog
{
    [LoggerMessage(EventId = 1000, EventName = "ServerStarted", Level = LogLevel.Information,
        Message = "Server started: gRPC on {GrpcAddress}, metrics on {MetricsAddress}, storage {StorageProvider}.")]
    public static partial void ServerStarted(ILogger logger, string grpcAddress, string metricsAddress, string storageProvider);

    [LoggerMessage(EventId = 1001, EventName = "ServerStopping", Level = LogLevel.Information,
        Message = "Server stopping ({Reason}); draining calls for up to {DrainSeconds} s.")]
    public static partial void ServerStopping(ILogger logger, string reason, double drainSeconds);

    [LoggerMessage(EventId = 1002, EventName = "ServerStopped", Level = LogLevel.Information,
        Message = "Server stopped after {ElapsedSeconds} s; grain state written back.")]
    public static partial void ServerStopped(ILogger logger, double elapsedSeconds);

    [LoggerMessage(EventId = 1100, EventName = "RankingsPublished", Level = LogLevel.Information,
        Message = "Published {Scope} {Period} at version {Version} ({UnitCount} communes) by {Actor}.")]
    public static partial void RankingsPublished(ILogger logger, string scope, string period, long version, int unitCount, string actor);

    [LoggerMessage(EventId = 1200, EventName = "AuthenticationFailed", Level = LogLevel.Warning,
        Message = "Authentication failed for {Method} from {Peer}: {Reason}.")]
    public static partial void AuthenticationFailed(ILogger logger, string method, string peer, string reason);

    [LoggerMessage(EventId = 1201, EventName = "PermissionDenied", Level = LogLevel.Warning,
        Message = "Permission denied for {Method} to {Subject}: needs {Requirement}.")]
    public static partial void PermissionDenied(ILogger logger, string method, string subject, string requirement);

    [LoggerMessage(EventId = 1300, EventName = "StorageError", Level = LogLevel.Error,
        Message = "Storage {StorageProvider} failed {Operation} ({ErrorType}).")]
    public static partial void StorageError(ILogger logger, Exception exception, string storageProvider, string operation, string errorType);

    [LoggerMessage(EventId = 1301, EventName = "StorageUnreachable", Level = LogLevel.Warning,
        Message = "Storage {StorageProvider} is unreachable; grpc.health.v1 answers NOT_SERVING until it is back.")]
    public static partial void StorageUnreachable(ILogger logger, string storageProvider);

    [LoggerMessage(EventId = 1302, EventName = "StorageReachable", Level = LogLevel.Information,
        Message = "Storage {StorageProvider} is reachable; grpc.health.v1 answers SERVING.")]
    public static partial void StorageReachable(ILogger logger, string storageProvider);

    [LoggerMessage(EventId = 1400, EventName = "MetricsListening", Level = LogLevel.Information,
        Message = "Metrics on {MetricsUrl} (Prometheus text format).")]
    public static partial void MetricsListening(ILogger logger, string metricsUrl);
}
