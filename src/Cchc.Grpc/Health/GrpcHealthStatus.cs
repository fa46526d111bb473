namespace Cchc.Grpc.Health;

/// <summary>A service's serving status, as <c>grpc.health.v1.HealthCheckResponse.ServingStatus</c> numbers it.</summary>
public enum GrpcHealthStatus
{
    Unknown = 0,
    Serving = 1,
    NotServing = 2,
    ServiceUnknown = 3,
}
