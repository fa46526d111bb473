using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;

namespace Cchc.Server.Admission;

/// <summary>
/// The bound on gRPC calls in flight on this server: a <see cref="ConcurrencyLimiter"/> of
/// <see cref="AdmissionLimits.MaxInFlight"/> slots and a first-in-first-out queue of
/// <see cref="AdmissionLimits.MaxQueued"/>. A call that finds no slot waits at most
/// <see cref="AdmissionLimits.MaxWait"/>, and never past the moment its own deadline still leaves it its handling time
/// (the method's recent handling time, at least <see cref="AdmissionLimits.MinReserve"/>). Otherwise it is refused with
/// RESOURCE_EXHAUSTED before anything of it was done, and a <c>grpc-retry-pushback-ms</c> trailer says when to retry:
/// memory and waiting stay bounded however many calls arrive.
/// </summary>
internal sealed class CallAdmission : IDisposable
{
    /// <summary>The gRPC retry-pushback trailer (gRFC A6): milliseconds a client's retry policy waits before the next attempt.</summary>
    public const string PushbackTrailer = "grpc-retry-pushback-ms";

    private static readonly TimeSpan MinPushback = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPushback = TimeSpan.FromSeconds(10);

    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, ServiceTime> _methods = new(StringComparer.Ordinal);
    private readonly ServiceTime _all = new();
    private readonly AdmissionMetrics _metrics;

    public CallAdmission(AdmissionLimits limits, System.Diagnostics.Metrics.IMeterFactory meterFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions
        {
            PermitLimit = limits.MaxInFlight,
            QueueLimit = limits.MaxQueued,
            QueueProcessingOrder = QueueProcessingOrder.OldestFirst,
        });
        _metrics = new AdmissionMetrics(meterFactory, () => InFlight, () => Queued);
    }

    public AdmissionLimits Limits { get; }

    /// <summary>Calls holding a slot now.</summary>
    public long InFlight => Limits.MaxInFlight - (_limiter.GetStatistics()?.CurrentAvailablePermits ?? Limits.MaxInFlight);

    /// <summary>Calls waiting for a slot now.</summary>
    public long Queued => _limiter.GetStatistics()?.CurrentQueuedCount ?? 0;

    /// <summary>Waits for a slot for the call; dispose the result when the call ends.</summary>
    /// <exception cref="RpcException">RESOURCE_EXHAUSTED: no slot within the wait the limits and the call's deadline allow.</exception>
    public async ValueTask<IDisposable> AdmitAsync(string method, DateTime deadline, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var handling = _methods.GetOrAdd(method, static _ => new ServiceTime());
        var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            var reserve = Max(Limits.MinReserve, handling.Estimate);
            var left = deadline == DateTime.MaxValue ? TimeSpan.MaxValue : deadline - _timeProvider.GetUtcNow().UtcDateTime - reserve;
            if (left <= TimeSpan.Zero)
            {
                throw Refuse("deadline", string.Create(CultureInfo.InvariantCulture,
                    $"the call's deadline leaves less than the {reserve.TotalMilliseconds:0} ms it takes to handle once a slot frees"));
            }

            var wait = left < Limits.MaxWait ? left : Limits.MaxWait;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                lease = await _limiter.AcquireAsync(1, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw wait == Limits.MaxWait
                    ? Refuse("waited", string.Create(CultureInfo.InvariantCulture, $"no slot freed within {wait.TotalMilliseconds:0} ms"))
                    : Refuse("deadline", string.Create(CultureInfo.InvariantCulture,
                        $"no slot freed while the call's deadline still left the {reserve.TotalMilliseconds:0} ms it takes to handle"));
            }

            if (!lease.IsAcquired)
            {
                lease.Dispose();
                throw Refuse("full", string.Create(CultureInfo.InvariantCulture, $"{Limits.MaxQueued} calls are already waiting for a slot"));
            }
        }

        var admitted = _timeProvider.GetTimestamp();
        _metrics.RecordWait(_timeProvider.GetElapsedTime(started, admitted));
        return new Slot(this, lease, handling, admitted);
    }

    public void Dispose() => _limiter.Dispose();

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private RpcException Refuse(string reason, string why)
    {
        _metrics.RecordRefused(reason);

        // The queue ahead drains at MaxInFlight calls per handling time; up to half as much again at random, so
        // callers refused together do not all return together.
        var rounds = Math.Ceiling((Queued + 1) / (double)Limits.MaxInFlight);
        var drain = TimeSpan.FromTicks((long)(_all.Estimate.Ticks * rounds * (1 + (Random.Shared.NextDouble() / 2))));
        var pushback = drain < MinPushback ? MinPushback : drain > MaxPushback ? MaxPushback : drain;
        var milliseconds = ((long)Math.Ceiling(pushback.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"cchc-server is at its limit of {Limits.MaxInFlight} calls in flight and {why}; nothing of this call was done. " +
            $"Retry in {milliseconds} ms ({PushbackTrailer} trailer), or on another server of the cluster.");
        return new RpcException(new Status(StatusCode.ResourceExhausted, message), new Metadata { { PushbackTrailer, milliseconds } });
    }

    private void Completed(ServiceTime handling, long admitted)
    {
        var took = _timeProvider.GetElapsedTime(admitted);
        handling.Add(took);
        _all.Add(took);
    }

    /// <summary>A moving average of handling times (weight 1/8 to the newest): racing updates may drop one sample, never corrupt it.</summary>
    private sealed class ServiceTime
    {
        private long _ticks;

        public TimeSpan Estimate => TimeSpan.FromTicks(Volatile.Read(ref _ticks));

        public void Add(TimeSpan sample)
        {
            var before = Volatile.Read(ref _ticks);
            Volatile.Write(ref _ticks, before == 0 ? sample.Ticks : before + ((sample.Ticks - before) / 8));
        }
    }

    private sealed class Slot(CallAdmission admission, RateLimitLease lease, ServiceTime handling, long admitted) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                admission.Completed(handling, admitted);
                lease.Dispose();
            }
        }
    }
}
