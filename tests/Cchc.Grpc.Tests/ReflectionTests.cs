using Cchc.Grpc.Client;
using Google.Protobuf.Reflection;
using Grpc.Reflection.V1;
using V1Alpha = Grpc.Reflection.V1Alpha;

namespace Cchc.Grpc.Tests;

/// <summary>Server reflection answered from the registered FileDescriptors, through our own client.</summary>
public sealed class ReflectionTests(EchoServerFixture fixture) : IClassFixture<EchoServerFixture>
{
    private static readonly GrpcMethod<ServerReflectionRequest, ServerReflectionResponse> Info =
        new(GrpcMethodType.DuplexStreaming, "grpc.reflection.v1.ServerReflection", "ServerReflectionInfo");

    private static readonly GrpcMethod<V1Alpha.ServerReflectionRequest, V1Alpha.ServerReflectionResponse> InfoAlpha =
        new(GrpcMethodType.DuplexStreaming, "grpc.reflection.v1alpha.ServerReflection", "ServerReflectionInfo");

    [Fact]
    public async Task Lists_every_registered_service()
    {
        ServerReflectionResponse response = await AskAsync(new ServerReflectionRequest { ListServices = "" });

        Assert.Equal(
            ["cchc.testing.v1.EchoService", "grpc.health.v1.Health", "grpc.reflection.v1.ServerReflection", "grpc.reflection.v1alpha.ServerReflection"],
            response.ListServicesResponse.Service.Select(s => s.Name).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("cchc.testing.v1.EchoService")]
    [InlineData("cchc.testing.v1.EchoService.Echo")]
    [InlineData("cchc.testing.v1.MetadataEntry")]
    public async Task Finds_the_file_declaring_a_symbol(string symbol)
    {
        ServerReflectionResponse response = await AskAsync(new ServerReflectionRequest { FileContainingSymbol = symbol });

        var file = FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]);
        Assert.Equal("Protos/echo.proto", file.Name);
        Assert.Equal("cchc.testing.v1", file.Package);
        Assert.Contains(file.Service, s => s.Name == "EchoService" && s.Method.Count == 7);
    }

    [Fact]
    public async Task Serves_files_by_name_and_answers_unknown_symbols_with_NOT_FOUND_in_the_stream()
    {
        await using GrpcCall<ServerReflectionRequest, ServerReflectionResponse> call = fixture.Server.Client.StartCall(Info);
        await call.WriteAsync(new ServerReflectionRequest { FileByFilename = "grpc/health/v1/health.proto" });
        ServerReflectionResponse byName = (await call.ReadAsync())!;
        await call.WriteAsync(new ServerReflectionRequest { FileContainingSymbol = "cchc.testing.v1.Nope" });
        ServerReflectionResponse missing = (await call.ReadAsync())!;
        await call.CompleteRequestAsync();

        Assert.Equal("grpc.health.v1", FileDescriptorProto.Parser.ParseFrom(byName.FileDescriptorResponse.FileDescriptorProto[0]).Package);
        Assert.Equal((int)GrpcStatusCode.NotFound, missing.ErrorResponse.ErrorCode);
        Assert.Equal("cchc.testing.v1.Nope", missing.OriginalRequest.FileContainingSymbol);
        Assert.Null(await call.ReadAsync());
    }

    [Fact]
    public async Task V1alpha_answers_the_same_as_v1()
    {
        await using var call = fixture.Server.Client.StartCall(InfoAlpha);
        await call.WriteAsync(new V1Alpha.ServerReflectionRequest { FileContainingSymbol = "cchc.testing.v1.EchoService" });
        await call.CompleteRequestAsync();
        V1Alpha.ServerReflectionResponse response = (await call.ReadAsync())!;

        Assert.Equal("Protos/echo.proto", FileDescriptorProto.Parser.ParseFrom(response.FileDescriptorResponse.FileDescriptorProto[0]).Name);
    }

    private async Task<ServerReflectionResponse> AskAsync(ServerReflectionRequest request)
    {
        await using GrpcCall<ServerReflectionRequest, ServerReflectionResponse> call = fixture.Server.Client.StartCall(Info);
        await call.WriteAsync(request);
        await call.CompleteRequestAsync();
        ServerReflectionResponse response = (await call.ReadAsync())!;
        Assert.Null(await call.ReadAsync());
        return response;
    }
}
