using System.Diagnostics;
using Grpc.Core;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// An open-loop load at a fixed offered rate: call i is due at start + i/rate whether or not earlier calls have
/// answered, and its latency is measured from when it was due, not from when it was sent. A stalled server so
/// shows in the percentiles instead of silently slowing the sender (coordinated omission).
/// </summary>
internal static class OpenLoop
{
    /// <summary>
    /// Offers <paramref name="rate"/> calls per second for <paramref name="duration"/>; at most <paramref name="maxInFlight"/>
    /// wait at once. Calls that fell due but could not be sent by the end (the server did not keep up) are counted
    /// as errors: the offered load was not carried.
    /// </summary>
    public static async Task<LoadOutcome> RunAsync(int rate, TimeSpan duration, int maxInFlight, Func<long, Task> call, CancellationToken cancellationToken)
    {
        var latency = new SharedHistogram();
        long errors = 0;
        string? firstError = null;
        using var inFlight = new SemaphoreSlim(maxInFlight);
        var pending = new List<Task>();
        var total = (long)(rate * duration.TotalSeconds);
        var started = Stopwatch.GetTimestamp();
        var ticksPerCall = Stopwatch.Frequency / (double)rate;
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        long i = 0;
        while (i < total && !cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
        {
            var now = Stopwatch.GetTimestamp();
            var due = (long)((now - started) / ticksPerCall) + 1;
            for (; i < Math.Min(due, total) && Stopwatch.GetTimestamp() < deadline; i++)
            {
                var dueAt = started + (long)(i * ticksPerCall);
                await inFlight.WaitAsync(cancellationToken);
                pending.Add(One(i, dueAt));
            }

            // Timers fire about every millisecond here; a burst of the calls due in between follows each.
            await Task.Delay(1, cancellationToken);
            if (pending.Count > 4096)
            {
                pending.RemoveAll(t => t.IsCompleted);
            }
        }

        // The timer may wake after the end with calls still due from before it: they go now if there is room.
        for (; i < total && inFlight.Wait(0); i++)
        {
            pending.Add(One(i, started + (long)(i * ticksPerCall)));
        }

        await Task.WhenAll(pending);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = latency.Snapshot();
        var unsent = total - i;
        if (unsent > 0)
        {
            firstError ??= $"{unsent} of {total} calls offered were never sent: {maxInFlight} were already waiting";
        }

        return new LoadOutcome(all.Count, errors + unsent, firstError, all, elapsed);

        async Task One(long n, long dueAt)
        {
            try
            {
                await call(n);
                latency.Record(ClosedLoop.Nanoseconds(Stopwatch.GetTimestamp() - dueAt));
            }
            catch (RpcException e)
            {
                Interlocked.Increment(ref errors);
                Interlocked.CompareExchange(ref firstError, $"{e.StatusCode}: {e.Status.Detail}", null);
            }
            finally
            {
                inFlight.Release();
            }
        }
    }
}
