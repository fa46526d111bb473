using Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Cchc.Grpc.Reflection;

/// <summary>Registers server reflection, so grpcurl and buf curl work without the proto files.</summary>
public static class GrpcReflectionRegistryExtensions
{
    /// <summary>
    /// Adds <c>grpc.reflection.v1.ServerReflection</c> and <c>grpc.reflection.v1alpha.ServerReflection</c>,
    /// describing every service and file in the registry as it stands when the first reflection call arrives
    /// (the registry is frozen by then).
    /// </summary>
    public static GrpcServiceRegistry AddReflectionService(this GrpcServiceRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        var index = new Lazy<ReflectionIndex>(() => new ReflectionIndex(registry));

        registry.AddDuplexStreaming<ServerReflectionRequest, ServerReflectionResponse>(
            "grpc.reflection.v1.ServerReflection",
            "ServerReflectionInfo",
            async (requests, responses, context) =>
            {
                await foreach (ServerReflectionRequest request in requests)
                {
                    await responses.WriteAsync(index.Value.Answer(request));
                }
            });
        registry.AddDuplexStreaming<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse>(
            "grpc.reflection.v1alpha.ServerReflection",
            "ServerReflectionInfo",
            async (requests, responses, context) =>
            {
                await foreach (V1Alpha.ServerReflectionRequest request in requests)
                {
                    ServerReflectionResponse answer = index.Value.Answer(ReflectionIndex.Convert(request, ServerReflectionRequest.Parser));
                    await responses.WriteAsync(ReflectionIndex.Convert(answer, V1Alpha.ServerReflectionResponse.Parser));
                }
            });
        registry.AddFileDescriptor(ReflectionReflection.Descriptor);
        registry.AddFileDescriptor(V1Alpha.ReflectionReflection.Descriptor);
        return registry;
    }
}
