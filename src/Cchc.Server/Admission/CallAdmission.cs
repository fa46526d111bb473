using System.Globalization;
using System.Threading.RateLimiting;
using Grpc.Core;

namespace Cchc.Server.Admission;

/// <summary>
/// The bound on gRPC calls in flight on this server: a <see cref="ConcurrencyLimiter"/> of
/// <see cref="AdmissionLimits.MaxInFlight"/> slots and a first-in-first-out queue of <see cref="AdmissionLimits.MaxQueued"/>.
/// A call is refused at once, before anything of it is done, when its deadline is nearer than the time the calls
/// already in the server will take to get through (by Little's law: the calls in flight and queued, over the rate
/// calls completed in the last second; at least <see cref="AdmissionLimits.MinReserve"/>), or when the queue is full.
/// A call that finds no slot waits at most <see cref="AdmissionLimits.MaxWait"/>, and never past the moment its
/// deadline still leaves <see cref="AdmissionLimits.MinReserve"/>. A refusal is RESOURCE_EXHAUSTED with a
/// <c>grpc-retry-pushback-ms</c> trailer saying when to retry: memory and waiting stay bounded however many calls come.
/// </summary>
internal sealed class CallAdmission : IDisposable
{
    /// <summary>The gRPC retry-pushback trailer (gRFC A6): milliseconds a client's retry policy waits before the next attempt.</summary>
    public const string PushbackTrailer = "grpc-retry-pushback-ms";

    private static readonly TimeSpan MinPushback = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan MaxPushback = TimeSpan.FromSeconds(10);

    private readonly ConcurrencyLimiter _limiter;
    private readonly TimeProvider _timeProvider;
    private readonly CompletionRate _completions;
    private readonly AdmissionMetrics _metrics;

    public CallAdmission(AdmissionLimits limits, System.Diagnostics.Metrics.IMeterFactory meterFactory, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _completions = new CompletionRate(_timeProvider);
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
    public async ValueTask<IDisposable> AdmitAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var left = deadline == DateTime.MaxValue ? TimeSpan.MaxValue : deadline - _timeProvider.GetUtcNow().UtcDateTime;
        var ahead = Ahead();
        if (left < ahead)
        {
            throw Refuse("deadline", string.Create(CultureInfo.InvariantCulture,
                $"the call's deadline ({left.TotalMilliseconds:0} ms away) is nearer than the {ahead.TotalMilliseconds:0} ms the calls already in it will take"));
        }

        var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();
            var wait = left - Limits.MinReserve < Limits.MaxWait ? left - Limits.MinReserve : Limits.MaxWait;
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(wait);
            try
            {
                lease = await _limiter.AcquireAsync(1, timeout.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw wait == Limits.MaxWait
                    ? Refuse("waited", string.Create(CultureInfo.InvariantCulture, $"all {Limits.MaxInFlight} of its call slots stayed taken for {wait.TotalMilliseconds:0} ms"))
                    : Refuse("deadline", "no call slot freed while the call's deadline still left time to handle it");
            }

            if (!lease.IsAcquired)
            {
                lease.Dispose();
                throw Refuse("full", string.Create(CultureInfo.InvariantCulture, $"all {Limits.MaxInFlight} of its call slots are taken and {Limits.MaxQueued} calls are already waiting for one"));
            }
        }

        _metrics.RecordWait(_timeProvider.GetElapsedTime(started));
        return new Slot(this, lease);
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>
    /// How long a call arriving now can expect to spend in the server: everything in flight or queued, and itself, at the
    /// rate calls completed in the last second (Little's law); <see cref="AdmissionLimits.MinReserve"/> at least, and
    /// just that when too few completed lately to go by (the slots and the queue still bound the calls).
    /// </summary>
    private TimeSpan Ahead()
    {
        var rate = _completions.PerSecond();
        var expected = rate is { } perSecond ? TimeSpan.FromSeconds((InFlight + Queued + 1) / perSecond) : TimeSpan.Zero;
        return expected > Limits.MinReserve ? expected : Limits.MinReserve;
    }

    private RpcException Refuse(string reason, string why)
    {
        _metrics.RecordRefused(reason);

        // Retry once the calls here now are through; up to half as much again at random, so callers refused together do
        // not all come back together.
        var drain = Ahead() * (1 + (Random.Shared.NextDouble() / 2));
        var pushback = drain < MinPushback ? MinPushback : drain > MaxPushback ? MaxPushback : drain;
        var milliseconds = ((long)Math.Ceiling(pushback.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"cchc-server is overloaded: {why}; nothing of this call was done. " +
            $"Retry in {milliseconds} ms ({PushbackTrailer} trailer), or on another server of the cluster.");
        return new RpcException(new Status(StatusCode.ResourceExhausted, message), new Metadata { { PushbackTrailer, milliseconds } });
    }

    private sealed class Slot(CallAdmission admission, RateLimitLease lease) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                lease.Dispose();
                admission._completions.Add();
            }
        }
    }
}
