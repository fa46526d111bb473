using System.Net;
using Cchc.Observability;
using Cchc.Server.Board;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Prometheus;

namespace Cchc.Server.Hosting;

/// <summary>
/// Kestrel's two listeners: gRPC over cleartext HTTP/2 (h2c) on --listen, and /metrics over HTTP/1.1 on
/// --metrics-listen. A request is told apart by the port it came in on, so /metrics is served on its listener only
/// and the gRPC services on theirs only.
/// </summary>
internal static class ListenerHosting
{
    public static IWebHostBuilder UseCchcListeners(this IWebHostBuilder webHost, ServerOptions options)
    {
        return webHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            Listen(kestrel, options.Host, options.Port, HttpProtocols.Http2);
            if (options.MetricsListen is { } metrics)
            {
                var endpoint = MetricsListenAddress.Parse(metrics);
                kestrel.Listen(endpoint, listen => listen.Protocols = HttpProtocols.Http1);
            }
        });
    }

    /// <summary>
    /// Serves /metrics (prometheus-net's registry), and the Orleans Dashboard when it is on, on requests that arrive
    /// anywhere but the gRPC port.
    /// </summary>
    public static IApplicationBuilder UseCchcMetricsListener(this IApplicationBuilder app, ServerOptions options)
    {
        if (options.MetricsListen is null)
        {
            return app;
        }

        return app.MapWhen(
            context => context.Connection.LocalPort != options.Port,
            admin =>
            {
                admin.UseMetricServer("/metrics");
                admin.UseCchcBoard(options);
                if (options.Dashboard)
                {
                    admin.UseCchcDashboard();
                }

                admin.Run(context =>
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return context.Response.WriteAsync(options.Dashboard ? "Only /metrics, /board and /dashboard are served here.\n" : "Only /metrics and /board are served here.\n");
                });
            });
    }

    private static void Listen(KestrelServerOptions kestrel, string host, int port, HttpProtocols protocols)
    {
        Action<ListenOptions> configure = listen => listen.Protocols = protocols;
        switch (host)
        {
            case "*" or "0.0.0.0":
                kestrel.ListenAnyIP(port, configure);
                break;
            case "localhost":
                kestrel.ListenLocalhost(port, configure);
                break;
            default:
                kestrel.Listen(IPAddress.Parse(host), port, configure);
                break;
        }
    }
}
