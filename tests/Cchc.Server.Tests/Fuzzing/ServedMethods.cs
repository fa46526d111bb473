using System.Reflection;
using Cchc.Api.V1;
using Google.Protobuf.Reflection;

namespace Cchc.Server.Tests.Fuzzing;

/// <summary>
/// Every method of every service in the generated descriptors of Cchc.Api (each generated file's reflection class),
/// plus the open grpc.health.v1 and reflection services the server also answers: found, not listed, so an RPC added
/// to a proto is fuzzed with no change here.
/// </summary>
internal static class ServedMethods
{
    private static readonly Lazy<IReadOnlyDictionary<string, MethodDescriptor>> ByName = new(Find);

    public static IReadOnlyDictionary<string, MethodDescriptor> All => ByName.Value;

    /// <summary>"package.Service/Method", the name a call goes out under.</summary>
    public static string NameOf(MethodDescriptor method)
    {
        ArgumentNullException.ThrowIfNull(method);
        return $"{method.Service.FullName}/{method.Name}";
    }

    private static IReadOnlyDictionary<string, MethodDescriptor> Find()
    {
        var files = typeof(RegistryService).Assembly.GetTypes()
            .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static))
            .Where(p => p?.PropertyType == typeof(FileDescriptor))
            .Select(p => (FileDescriptor)p!.GetValue(null)!);
        var services = files.SelectMany(f => f.Services)
            .Append(Grpc.Health.V1.Health.Descriptor)
            .Append(Grpc.Reflection.V1.ServerReflection.Descriptor);
        return services.SelectMany(s => s.Methods)
            .ToDictionary(NameOf, StringComparer.Ordinal);
    }
}
