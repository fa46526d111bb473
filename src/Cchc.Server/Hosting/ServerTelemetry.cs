using Cchc.Grpc.Health;
using Cchc.Observability;
using Cchc.Storage;
using Microsoft.Extensions.Logging;

namespace Cchc.Server.Hosting;

/// <summary>
/// What an operator watches: the Prometheus exporter (created before anything else starts, so no count is
/// missed), the /metrics listener apart from the gRPC one, and the storage health monitor that turns the
/// gRPC health service NOT_SERVING while the storage is unreachable.
/// </summary>
internal sealed class ServerTelemetry : IAsyncDisposable
{
    private readonly PrometheusExporter _exporter;
    private MetricsEndpoint? _endpoint;
    private StorageHealthMonitor? _monitor;

    public ServerTelemetry() => _exporter = new PrometheusExporter();

    /// <summary>Where /metrics is served, or null when metrics are off.</summary>
    public Uri? MetricsAddress => _endpoint?.Address;

    /// <exception cref="ServerStartException">The metrics address is taken or unusable.</exception>
    public async Task StartAsync(ServerOptions options, GrpcHealthService health, IEnumerable<string> services, IScoreStorage storage,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        if (options.MetricsListen is { } listen)
        {
            try
            {
                _endpoint = await MetricsEndpoint.StartAsync(_exporter, MetricsListenAddress.Parse(listen), cancellationToken);
            }
            catch (Exception e) when (e is IOException or ArgumentException or InvalidOperationException)
            {
                throw new ServerStartException($"cannot serve metrics on {listen}: {e.Message.ReplaceLineEndings(" ")}", e);
            }
        }

        _monitor = new StorageHealthMonitor(health, services, storage.PingAsync,
            new StorageHealthMonitorOptions { ProviderName = storage.ProviderName, TimeProvider = options.TimeProvider, Interval = options.HealthCheckInterval },
            loggerFactory.CreateLogger("Cchc.Server.Health"));
        _monitor.Start();
    }

    public async ValueTask DisposeAsync()
    {
        if (_monitor is not null)
        {
            await _monitor.DisposeAsync();
        }

        if (_endpoint is not null)
        {
            await _endpoint.DisposeAsync();
        }

        _exporter.Dispose();
    }
}
