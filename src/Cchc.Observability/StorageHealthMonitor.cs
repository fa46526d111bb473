using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Cchc.Observability;

/// <summary>
/// Pings storage on a timer and keeps the verdict for <see cref="StorageHealthCheck"/>, which <c>grpc.health.v1</c>
/// reads: unhealthy when a ping fails or times out, healthy again on the first ping that succeeds. Pings never
/// overlap: a tick that finds one still running is skipped. Each change is logged once (and an unreachable storage at the first ping). A health check that pinged on
/// every grpc.health.v1 call would let load balancers set the database's load.
/// </summary>
public sealed class StorageHealthMonitor : IAsyncDisposable
{
    private readonly Func<CancellationToken, Task<bool>> _ping;
    private readonly StorageHealthMonitorOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private ITimer? _timer;
    private Task _currentCheck = Task.CompletedTask;
    private bool _checking;
    private bool? _healthy;

    /// <param name="ping">True when storage answers; e.g. <c>IScoreStorage.PingAsync</c>. A throw counts as false.</param>
    public StorageHealthMonitor(Func<CancellationToken, Task<bool>> ping, StorageHealthMonitorOptions? options = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(ping);
        _options = options ?? new StorageHealthMonitorOptions();
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Interval, TimeSpan.Zero, nameof(options));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_options.Timeout, TimeSpan.Zero, nameof(options));
        _ping = ping;
        _logger = logger ?? NullLogger.Instance;
    }

    /// <summary>The last ping's verdict; null before the first one ends.</summary>
    public bool? IsHealthy
    {
        get
        {
            lock (_gate)
            {
                return _healthy;
            }
        }
    }

    /// <summary>The check running now, or the one that ran last: what a test awaits after moving its clock.</summary>
    public Task CurrentCheck
    {
        get
        {
            lock (_gate)
            {
                return _currentCheck;
            }
        }
    }

    /// <summary>Pings now, then every <see cref="StorageHealthMonitorOptions.Interval"/>.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_stopping.IsCancellationRequested, this);
            if (_timer is not null)
            {
                return;
            }

            _timer = _options.TimeProvider.CreateTimer(static state => ((StorageHealthMonitor)state!).Tick(), this,
                _options.Interval, _options.Interval);
        }

        Tick();
    }

    public async ValueTask DisposeAsync()
    {
        Task last;
        lock (_gate)
        {
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            _stopping.Cancel();
            _timer?.Dispose();
            last = _currentCheck;
        }

        await last;
        _stopping.Dispose();
    }

    private void Tick()
    {
        lock (_gate)
        {
            if (_checking || _stopping.IsCancellationRequested)
            {
                return;
            }

            _checking = true;
            _currentCheck = CheckAsync();
        }
    }

    private async Task CheckAsync()
    {
        bool healthy;
        try
        {
            using var timeout = new CancellationTokenSource(_options.Timeout, _options.TimeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, _stopping.Token);
            healthy = await _ping(linked.Token);
        }
#pragma warning disable CA1031 // A ping that throws or times out is an unreachable storage, not a crash of the monitor.
        catch (Exception)
#pragma warning restore CA1031
        {
            healthy = false;
        }

        bool changed;
        lock (_gate)
        {
            _checking = false;
            if (_stopping.IsCancellationRequested)
            {
                return;
            }

            // A storage that answers the first ping is what start-up expects: only a change, or a first failure, is news.
            changed = _healthy is null ? !healthy : _healthy != healthy;
            _healthy = healthy;
        }

        if (!changed)
        {
            return;
        }

        if (healthy)
        {
            CchcLog.StorageReachable(_logger, _options.ProviderName);
        }
        else
        {
            CchcLog.StorageUnreachable(_logger, _options.ProviderName);
        }
    }
}
