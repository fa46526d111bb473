using Cchc.Grpc.Client;
using Cchc.Grpc.Health;
using Cchc.Grpc.Reflection;
using Cchc.Testing;

namespace Cchc.Grpc.Tests;

/// <summary>A real Kestrel server on a loopback port serving the echo, health and reflection services.</summary>
public sealed class EchoServer : IAsyncDisposable
{
    private EchoServer(GrpcServer server, EchoService service, GrpcHealthService health, GrpcClient client)
    {
        Server = server;
        Service = service;
        Health = health;
        Client = client;
    }

    public GrpcServer Server { get; }

    public EchoService Service { get; }

    public GrpcHealthService Health { get; }

    public GrpcClient Client { get; }

    public int Port => Server.Port;

    public static async Task<EchoServer> StartAsync(GrpcServerOptions? options = null, GrpcClientOptions? clientOptions = null)
    {
        var service = new EchoService();
        var health = new GrpcHealthService();
        var registry = new GrpcServiceRegistry();
        service.Register(registry);
        registry.AddHealthService(health).AddReflectionService();
        options ??= new GrpcServerOptions();
        GrpcServer server = await GrpcServer.StartAsync(registry, options with { Port = LoopbackPort.Free() });
        return new EchoServer(server, service, health, new GrpcClient(server.Address, clientOptions));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }
}

/// <summary>One server shared by a test class.</summary>
public sealed class EchoServerFixture : IAsyncLifetime
{
    private EchoServer? _server;

    public EchoServer Server => _server ?? throw new InvalidOperationException("The server has not started.");

    public async Task InitializeAsync() => _server = await EchoServer.StartAsync();

    public async Task DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }
}
