using System.Threading.Channels;
using Grpc.Health.V1;

namespace Cchc.Grpc.Health;

/// <summary>
/// <c>grpc.health.v1.Health</c>: Check and Watch over a status per service name that the host sets. The empty
/// name stands for the whole server and starts as SERVING.
/// </summary>
public sealed class GrpcHealthService
{
    public const string ServiceName = "grpc.health.v1.Health";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, GrpcHealthStatus> _statuses = new(StringComparer.Ordinal) { [string.Empty] = GrpcHealthStatus.Serving };
    private readonly List<Watcher> _watchers = [];

    /// <summary>Sets a service's status and tells every watcher of it.</summary>
    public void SetStatus(string service, GrpcHealthStatus status)
    {
        ArgumentNullException.ThrowIfNull(service);
        if (status is GrpcHealthStatus.ServiceUnknown)
        {
            throw new ArgumentException("SERVICE_UNKNOWN is what Watch reports for a name never set; use ClearStatus.", nameof(status));
        }

        lock (_gate)
        {
            _statuses[service] = status;
            Notify(service, status);
        }
    }

    /// <summary>Forgets a service: Check then answers NOT_FOUND and Watch SERVICE_UNKNOWN.</summary>
    public void ClearStatus(string service)
    {
        ArgumentNullException.ThrowIfNull(service);
        lock (_gate)
        {
            if (_statuses.Remove(service))
            {
                Notify(service, GrpcHealthStatus.ServiceUnknown);
            }
        }
    }

    /// <summary>The status set for a service, or null if none was.</summary>
    public GrpcHealthStatus? GetStatus(string service)
    {
        lock (_gate)
        {
            return _statuses.TryGetValue(service, out GrpcHealthStatus status) ? status : null;
        }
    }

    internal void Register(GrpcServiceRegistry registry)
    {
        registry.AddUnary<HealthCheckRequest, HealthCheckResponse>(ServiceName, "Check", CheckAsync);
        registry.AddServerStreaming<HealthCheckRequest, HealthCheckResponse>(ServiceName, "Watch", WatchAsync);
        registry.AddFileDescriptor(HealthReflection.Descriptor);
    }

    private Task<HealthCheckResponse> CheckAsync(HealthCheckRequest request, GrpcCallContext context)
    {
        GrpcHealthStatus status = GetStatus(request.Service)
            ?? throw new GrpcStatusException(GrpcStatusCode.NotFound, $"Unknown service '{request.Service}'.");
        return Task.FromResult(new HealthCheckResponse { Status = (HealthCheckResponse.Types.ServingStatus)status });
    }

    private async Task WatchAsync(HealthCheckRequest request, GrpcServerStreamWriter<HealthCheckResponse> responses, GrpcCallContext context)
    {
        // Only the latest status matters to a watcher, so a slow one skips states rather than queueing them.
        var channel = Channel.CreateBounded<GrpcHealthStatus>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropOldest });
        var watcher = new Watcher(request.Service, channel.Writer);
        lock (_gate)
        {
            _watchers.Add(watcher);
            channel.Writer.TryWrite(_statuses.TryGetValue(request.Service, out GrpcHealthStatus current) ? current : GrpcHealthStatus.ServiceUnknown);
        }

        try
        {
            GrpcHealthStatus? last = null;
            await foreach (GrpcHealthStatus status in channel.Reader.ReadAllAsync(context.CancellationToken))
            {
                if (status != last)
                {
                    last = status;
                    await responses.WriteAsync(new HealthCheckResponse { Status = (HealthCheckResponse.Types.ServingStatus)status });
                }
            }
        }
        finally
        {
            lock (_gate)
            {
                _watchers.Remove(watcher);
            }
        }
    }

    private void Notify(string service, GrpcHealthStatus status)
    {
        foreach (Watcher watcher in _watchers)
        {
            if (watcher.Service == service)
            {
                watcher.Writer.TryWrite(status);
            }
        }
    }

    private sealed record Watcher(string Service, ChannelWriter<GrpcHealthStatus> Writer);
}
