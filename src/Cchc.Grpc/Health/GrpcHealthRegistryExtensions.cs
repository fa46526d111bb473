namespace Cchc.Grpc.Health;

/// <summary>Registers the standard health service.</summary>
public static class GrpcHealthRegistryExtensions
{
    /// <summary>Adds <c>grpc.health.v1.Health</c> backed by <paramref name="health"/>, whose statuses the host sets.</summary>
    public static GrpcServiceRegistry AddHealthService(this GrpcServiceRegistry registry, GrpcHealthService health)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(health);
        health.Register(registry);
        return registry;
    }
}
