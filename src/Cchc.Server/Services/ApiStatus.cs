using Grpc.Core;

namespace Cchc.Server.Services;

/// <summary>Statuses the services answer themselves, with the message a caller acts on.</summary>
internal static class ApiStatus
{
    public static RpcException NotFound(string message) => new(new Status(StatusCode.NotFound, message));

    public static RpcException FailedPrecondition(string message) => new(new Status(StatusCode.FailedPrecondition, message));

    public static RpcException Unavailable(string message) => new(new Status(StatusCode.Unavailable, message));
}
