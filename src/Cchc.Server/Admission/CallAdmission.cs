using System.Globalization;
using System.Threading.RateLimiting;

namespace Cchc.Server.Admission;

/// <summary>
/// The bound on gRPC calls in flight on this server: a <see cref="ConcurrencyLimiter"/> of
/// <see cref="AdmissionLimits.MaxInFlight"/> slots and a first-in-first-out queue of <see cref="AdmissionLimits.MaxQueued"/>.
/// A call is refused at once, before anything of it is done, when its deadline is nearer than the time it may spend in
/// the server (by Little's law, from the calls queued and in flight and the rate calls completed in the last second:
/// see <see cref="Ahead"/>), or when the queue is full.
/// A call that finds no slot waits at most <see cref="AdmissionLimits.MaxWait"/>, and never past the moment its
/// deadline still leaves the time a call may hold its slot (twice the calls in flight over the same rate; at least
/// <see cref="AdmissionLimits.MinReserve"/>); a slot that frees later than that is given back and the call refused, so
/// an admitted call can expect to finish within its deadline. A refusal says when to retry
/// (<see cref="AdmissionMiddleware"/> answers it RESOURCE_EXHAUSTED with a <c>grpc-retry-pushback-ms</c> trailer):
/// memory and waiting stay bounded however many calls come.
/// </summary>
internal sealed class CallAdmission : IDisposable
{
    /// <summary>The gRPC retry-pushback trailer (gRFC A6): milliseconds a client's retry policy waits before the next attempt.</summary>
    public const string PushbackTrailer = "grpc-retry-pushback-ms";

    // A call's time in its slot varies about the mean Little's law gives (a group commit takes one write or sixty-four):
    // admitting calls whose deadline leaves just the mean would make about half of those admitted late.
    private const double HandlingMargin = 2;

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

    /// <summary>
    /// Waits for a slot for the call, or refuses it; dispose the result when the call ends. Refusals are answers, not
    /// exceptions: at ten times capacity most calls are refused, and throwing for each would cost the server the CPU it
    /// is short of.
    /// </summary>
    /// <param name="timeout">The time the call's deadline leaves (its grpc-timeout), or null for none.</param>
    /// <param name="cancellationToken">The client gave up (its stream reset): the call leaves the queue at once.</param>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled while the call waited.</exception>
    public async ValueTask<CallSlot> AdmitAsync(TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();
        var left = timeout ?? TimeSpan.MaxValue;
        var ticks = left.TotalSeconds * _timeProvider.TimestampFrequency;
        var deadline = ticks < long.MaxValue / 2 ? started + (long)ticks : long.MaxValue;
        var ahead = Ahead();
        if (left < ahead)
        {
            return Refuse(started, "deadline", string.Create(CultureInfo.InvariantCulture,
                $"the call's deadline ({left.TotalMilliseconds:0} ms away) is nearer than the {ahead.TotalMilliseconds:0} ms a call may now take in it, waiting for a slot and handled"));
        }

        var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            lease.Dispose();

            // Waiting longer than the deadline leaves after the call's own handling would only make it late.
            var handling = Handling();
            var wait = left - handling < Limits.MaxWait ? left - handling : Limits.MaxWait;
            wait = wait < TimeSpan.Zero ? TimeSpan.Zero : wait;
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(wait);
            try
            {
                lease = await _limiter.AcquireAsync(1, timer.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return wait == Limits.MaxWait
                    ? Refuse(started, "waited", string.Create(CultureInfo.InvariantCulture, $"all {Limits.MaxInFlight} of its call slots stayed taken for {wait.TotalMilliseconds:0} ms"))
                    : Refuse(started, "deadline", "no call slot freed while the call's deadline still left time to handle it");
            }

            if (!lease.IsAcquired)
            {
                lease.Dispose();
                return Refuse(started, "full", string.Create(CultureInfo.InvariantCulture, $"all {Limits.MaxInFlight} of its call slots are taken and {Limits.MaxQueued} calls are already waiting for one"));
            }

            // The slot came, but the server slowed while the call waited: what its deadline leaves now is less than a
            // call takes once it has a slot. Refused now, nothing done, rather than run to miss the deadline.
            handling = Handling();
            if (deadline != long.MaxValue && _timeProvider.GetElapsedTime(_timeProvider.GetTimestamp(), deadline) < handling)
            {
                lease.Dispose();
                return Refuse(started, "deadline", string.Create(CultureInfo.InvariantCulture,
                    $"a call slot freed only when the call's deadline left less than the {handling.TotalMilliseconds:0} ms a call takes once it has one"));
            }
        }

        _metrics.RecordWait(_timeProvider.GetElapsedTime(started));
        return CallSlot.Held(lease, Released, _timeProvider, deadline);
    }

    public void Dispose() => _limiter.Dispose();

    /// <summary>
    /// How long a call arriving now may spend in the server: its wait for a slot (the calls queued ahead of it and itself,
    /// at the rate calls completed in the last second, Little's law) and its time in the slot (<see cref="Handling"/>);
    /// <see cref="AdmissionLimits.MinReserve"/> at least, and just that when too few completed lately to go by (the slots
    /// and the queue still bound the calls).
    /// </summary>
    private TimeSpan Ahead()
    {
        var waiting = _completions.PerSecond() is { } perSecond ? TimeSpan.FromSeconds((Queued + 1) / perSecond) : TimeSpan.Zero;
        return waiting + Handling();
    }

    /// <summary>
    /// How long a call may hold its slot now: twice the mean, the calls holding one over the rate calls complete
    /// (Little's law on the slots alone); <see cref="AdmissionLimits.MinReserve"/> at least, and just that when too few
    /// completed lately to go by.
    /// </summary>
    private TimeSpan Handling()
    {
        var expected = _completions.PerSecond() is { } perSecond ? TimeSpan.FromSeconds(HandlingMargin * Math.Max(1, InFlight) / perSecond) : TimeSpan.Zero;
        return expected > Limits.MinReserve ? expected : Limits.MinReserve;
    }

    private CallSlot Refuse(long started, string reason, string why)
    {
        _metrics.RecordRefused(reason, _timeProvider.GetElapsedTime(started));

        // Retry once the calls here now are through; up to half as much again at random, so callers refused together do
        // not all come back together.
        var drain = Ahead() * (1 + (Random.Shared.NextDouble() / 2));
        var pushback = drain < MinPushback ? MinPushback : drain > MaxPushback ? MaxPushback : drain;
        var milliseconds = ((long)Math.Ceiling(pushback.TotalMilliseconds)).ToString(CultureInfo.InvariantCulture);
        var message = string.Create(CultureInfo.InvariantCulture,
            $"cchc-server is overloaded: {why}; nothing of this call was done. " +
            $"Retry in {milliseconds} ms ({PushbackTrailer} trailer), or on another server of the cluster.");
        return CallSlot.Refused(new AdmissionRefusal(reason, message, milliseconds));
    }

    private void Released(bool overran)
    {
        _completions.Add();
        if (overran)
        {
            _metrics.RecordOverran();
        }
    }
}
