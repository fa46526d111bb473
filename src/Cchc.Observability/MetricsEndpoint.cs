using System.Net;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Observability;

/// <summary>
/// A small Kestrel listener of its own, HTTP/1.1 only, serving <c>GET /metrics</c> from a
/// <see cref="PrometheusExporter"/> and 404 for anything else. Started and stopped apart from the gRPC listener,
/// so a scraper never shares its connections or limits.
/// </summary>
public sealed class MetricsEndpoint : IAsyncDisposable
{
    /// <summary>The default listen address: <c>127.0.0.1:9464</c>, the port OpenTelemetry uses for Prometheus.</summary>
    public static readonly IPEndPoint DefaultEndPoint = new(IPAddress.Loopback, 9464);

    private readonly WebApplication _app;
    private int _stopped;

    private MetricsEndpoint(WebApplication app, Uri address)
    {
        _app = app;
        Address = address;
    }

    /// <summary>The scrape URL, e.g. <c>http://127.0.0.1:9464/metrics</c>.</summary>
    public Uri Address { get; }

    public int Port => Address.Port;

    /// <summary>Binds <paramref name="endPoint"/> (port 0 picks a free one) and starts serving.</summary>
    public static async Task<MetricsEndpoint> StartAsync(PrometheusExporter exporter, IPEndPoint endPoint,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(endPoint);
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxConcurrentConnections = 64;
            kestrel.Listen(endPoint, listen => listen.Protocols = HttpProtocols.Http1);
        });
        var app = builder.Build();

        // One path, no routing: anything but GET or HEAD /metrics is 404.
        app.Run(context =>
        {
            if (context.Request.Path == "/metrics" &&
                (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                return ServeAsync(exporter, context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException exception)
        {
            await app.DisposeAsync();
            throw new InvalidOperationException(
                $"Cannot listen for metrics on {endPoint}: {exception.Message} Choose another --metrics-listen HOST:PORT.",
                exception);
        }

        var bound = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        var host = endPoint.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6
            ? $"[{endPoint.Address}]"
            : endPoint.Address.ToString();
        return new MetricsEndpoint(app, new Uri($"http://{host}:{bound.Port}/metrics"));
    }

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

    private static async Task ServeAsync(PrometheusExporter exporter, HttpContext context)
    {
        var body = Encoding.UTF8.GetBytes(exporter.Scrape());
        context.Response.ContentType = PrometheusExporter.ContentType;
        context.Response.Headers.CacheControl = "no-store";
        context.Response.ContentLength = body.Length;
        if (!HttpMethods.IsHead(context.Request.Method))
        {
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
