using System.Diagnostics;
using Grpc.Core;

namespace Cchc.LoadGen.Measurement;

/// <summary>
/// A closed-loop load: a fixed number of callers, each starting its next call when the previous one ends, for a
/// duration or until the work runs out. Measures the most the server sustains at that concurrency.
/// </summary>
internal static class ClosedLoop
{
    /// <summary>
    /// Runs <paramref name="call"/> from <paramref name="concurrency"/> callers. Each call gets a sequence number;
    /// it returns false when there is no more work. Failed calls (gRPC status) are counted, not retried.
    /// </summary>
    public static async Task<LoadOutcome> RunAsync(int concurrency, TimeSpan duration, Func<long, Task<bool>> call, CancellationToken cancellationToken)
    {
        long sequence = -1;
        long errors = 0;
        string? firstError = null;
        var histograms = new LatencyHistogram[concurrency];
        var started = Stopwatch.GetTimestamp();
        var deadline = started + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            var histogram = histograms[w] = new LatencyHistogram();
            workers[w] = Task.Run(
                async () =>
                {
                    while (!cancellationToken.IsCancellationRequested && Stopwatch.GetTimestamp() < deadline)
                    {
                        var n = Interlocked.Increment(ref sequence);
                        var before = Stopwatch.GetTimestamp();
                        try
                        {
                            if (!await call(n))
                            {
                                return;
                            }
                        }
                        catch (RpcException e)
                        {
                            Interlocked.Increment(ref errors);
                            Interlocked.CompareExchange(ref firstError, $"{e.StatusCode}: {e.Status.Detail}", null);
                            continue;
                        }

                        histogram.Record(Nanoseconds(Stopwatch.GetTimestamp() - before));
                    }
                },
                cancellationToken);
        }

        await Task.WhenAll(workers);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var all = new LatencyHistogram();
        foreach (var h in histograms)
        {
            all.Add(h);
        }

        return new LoadOutcome(all.Count, errors, firstError, all, elapsed);
    }

    public static long Nanoseconds(long stopwatchTicks) => (long)(stopwatchTicks * (1e9 / Stopwatch.Frequency));
}
