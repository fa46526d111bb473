using Cchc.Grpc.Client;
using Cchc.Grpc.Tests.Echo;
using Cchc.Testing;
using Google.Protobuf;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Grpc.Tests;

/// <summary>How our client reads responses that break the spec, served by plain Kestrel endpoints.</summary>
public sealed class ClientRulesTests : IAsyncLifetime
{
    private WebApplication? _app;
    private GrpcClient? _client;

    private GrpcClient Client => _client!;

    public async Task InitializeAsync()
    {
        int port = LoopbackPort.Free();
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.ListenLocalhost(port, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        _app = builder.Build();
        _app.UseRouting();
        byte[] message = RawHttp.Frame(new EchoReply { Message = "no status" });
        _app.MapPost("/cchc.testing.v1.EchoService/Echo", async context =>
        {
            // A message and no grpc-status at all: the spec says the client must not call this a success.
            context.Response.ContentType = "application/grpc";
            await context.Response.Body.WriteAsync(message);
        });
        _app.MapPost("/cchc.testing.v1.EchoService/Html", async context =>
        {
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html></html>");
        });
        await _app.StartAsync();
        _client = new GrpcClient(new Uri($"http://localhost:{port}/"));
    }

    public async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }

    [Fact]
    public async Task Missing_grpc_status_is_INTERNAL()
    {
        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() => Client.UnaryAsync(EchoService.Echo, new EchoRequest()));

        Assert.Equal(GrpcStatusCode.Internal, ex.StatusCode);
    }

    [Fact]
    public async Task HTTP_404_without_grpc_status_is_UNIMPLEMENTED()
    {
        var missing = new GrpcMethod<EchoRequest, EchoReply>(GrpcMethodType.Unary, EchoService.ServiceName, "Missing");

        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() => Client.UnaryAsync(missing, new EchoRequest()));

        Assert.Equal(GrpcStatusCode.Unimplemented, ex.StatusCode);
    }

    [Fact]
    public async Task Non_gRPC_content_type_is_INTERNAL()
    {
        var html = new GrpcMethod<EchoRequest, EchoReply>(GrpcMethodType.Unary, EchoService.ServiceName, "Html");

        var ex = await Assert.ThrowsAsync<GrpcStatusException>(() => Client.UnaryAsync(html, new EchoRequest { Payload = ByteString.Empty }));

        Assert.Equal(GrpcStatusCode.Internal, ex.StatusCode);
    }
}
