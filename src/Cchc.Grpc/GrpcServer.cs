using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Cchc.Grpc;

/// <summary>
/// A Kestrel host serving one registry and nothing else: for tests, tools and small processes. A product host
/// with other endpoints calls <see cref="GrpcEndpointRouteBuilderExtensions.MapGrpcServices"/> instead.
/// </summary>
public sealed class GrpcServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private int _stopped;

    private GrpcServer(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The base address clients use, e.g. <c>http://127.0.0.1:5001/</c>.</summary>
    public Uri Address { get; }

    public int Port => Address.Port;

    public static async Task<GrpcServer> StartAsync(GrpcServiceRegistry registry, GrpcServerOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(registry);
        options ??= new GrpcServerOptions();
        WebApplicationBuilder builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Listen(options.Address, options.Port, listen =>
            {
                // Cleartext gRPC is HTTP/2 with prior knowledge; with TLS, ALPN offers only h2.
                listen.Protocols = HttpProtocols.Http2;
                if (options.Certificate is not null)
                {
                    listen.UseHttps(options.Certificate);
                }
            });
        });
        builder.Services.AddRouting();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = options.ShutdownTimeout);

        WebApplication app = builder.Build();
        app.UseRouting();
        app.MapGrpcServices(registry, options.Service);
        await app.StartAsync(cancellationToken);

        string bound = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(bound).Port;
        string scheme = options.Certificate is null ? "http" : "https";
        string host = options.Address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{options.Address}]"
            : options.Address.ToString();
        return new GrpcServer(app, new Uri($"{scheme}://{host}:{port}/"));
    }

    /// <summary>
    /// Stops accepting calls and waits for those in flight to finish (up to the shutdown timeout, after which
    /// their tokens are cancelled).
    /// </summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        await _app.DisposeAsync();
    }
}
