using Cchc.Api.V1;
using Cchc.Security.Policy;
using Google.Protobuf.Reflection;

namespace Cchc.Security.Tests;

/// <summary>The RPC table against the protos themselves, so a new RPC cannot go without an access decision.</summary>
public sealed class RpcAccessTests
{
    private static readonly FileDescriptor[] ApiFiles =
    [
        RegistryReflection.Descriptor, FrameworkReflection.Descriptor, ScoringReflection.Descriptor, RankingReflection.Descriptor,
        ProgressReflection.Descriptor,
        DeadlinesReflection.Descriptor,
        AnalysisReflection.Descriptor,
        ExportsReflection.Descriptor,
        AuditReflection.Descriptor,
    ];

    [Fact]
    public void Every_RPC_of_the_services_demands_an_operation_and_nothing_else_is_listed()
    {
        string[] methods = [.. ApiFiles.SelectMany(f => f.Services).SelectMany(s => s.Methods).Select(m => $"/{m.Service.FullName}/{m.Name}")];

        Assert.Equal(22, methods.Length);
        Assert.Equal(methods.Order(StringComparer.Ordinal), CchcRpcAccess.Operations.Keys.Order(StringComparer.Ordinal));
        Assert.All(CchcRpcAccess.Operations.Values, type => Assert.True(type.IsSubclassOf(typeof(CchcOperation)), type.Name));
        Assert.All(methods, method => Assert.False(CchcRpcAccess.IsOpen(method), method));
    }

    [Theory]
    [InlineData("/grpc.health.v1.Health/Check", true)]
    [InlineData("/grpc.health.v1.Health/Watch", true)]
    [InlineData("/grpc.reflection.v1.ServerReflection/ServerReflectionInfo", true)]
    [InlineData("/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo", true)]
    [InlineData("/grpc.health.v1.HealthX/Check", false)]
    [InlineData("/cchc.v1.ScoringService/SubmitScores", false)]
    public void Only_health_and_reflection_are_open(string method, bool open) =>
        Assert.Equal(open, CchcRpcAccess.IsOpen(method));
}
