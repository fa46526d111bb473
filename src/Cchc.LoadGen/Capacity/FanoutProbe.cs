using System.Diagnostics;
using Cchc.Api.V1;
using Cchc.LoadGen.Hosting;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Capacity;

/// <summary>
/// Fan-out throughput of one silo: <c>watchers</c> live watchers on one province's ranking while single-item
/// appraisals of its communes arrive at each offered rate in turn; every accepted write is one update to each
/// watcher. Stops raising the rate once watchers are cut off (resyncs) or fewer than 90 % of the offered
/// deliveries arrive.
/// </summary>
internal static class FanoutProbe
{
    public static async Task<IReadOnlyList<FanoutPoint>> RunAsync(BenchClients client, ServerProcess server, HttpClient http, string province,
        IReadOnlyList<string> communes, BenchFramework framework, Period period, CapacityOptions options, TextWriter output,
        CancellationToken cancellationToken)
    {
        var manual = framework.Appraisable.Where(l => l.Method.MethodCase == LeafMethod.MethodOneofCase.Manual).ToArray();
        var run = Guid.NewGuid().ToString("N")[..8];
        await using var pool = new WatcherPool(client.Ranking);
        var took = await pool.OpenAsync(options.FanoutWatchers, [province], period, TimeSpan.FromMinutes(10), cancellationToken);
        output.WriteLine($"# fan-out: {options.FanoutWatchers} watchers of province {province} ({communes.Count} communes) got their snapshots in {took.TotalSeconds:0.0} s");
        var points = new List<FanoutPoint>();
        long sequence = 0;
        foreach (var rate in options.FanoutRates)
        {
            var before = await MetricsSnapshot.ReadAsync(http, server.MetricsAddress, cancellationToken);
            var serverCpu = ProcFs.CpuSeconds(server.Pid ?? 0);
            var clientCpu = ProcFs.CpuSeconds(Environment.ProcessId);
            var clientUpdates = pool.Updates;
            var writes = await OpenLoop.RunAsync(rate, options.FanoutDuration, 256, async n =>
            {
                var i = Interlocked.Increment(ref sequence);
                var leaf = manual[(int)(i / communes.Count % manual.Length)];
                var request = ScoreFactory.Appraisal(communes[(int)(i % communes.Count)], leaf, (int)(i * 7 % (leaf.QuarterSteps + 1)), $"cap-{run}-{i}");
                request.Period = period;
                await client.Scoring.SubmitScoresAsync(request, cancellationToken: cancellationToken);
            }, cancellationToken);

            // Deliveries still queued are waited for while they keep arriving (at most 30 s), so the rate counts them.
            var drain = Stopwatch.GetTimestamp();
            var after = await MetricsSnapshot.ReadAsync(http, server.MetricsAddress, cancellationToken);
            while (Stopwatch.GetElapsedTime(drain) < TimeSpan.FromSeconds(30))
            {
                await Task.Delay(250, cancellationToken);
                var next = await MetricsSnapshot.ReadAsync(http, server.MetricsAddress, cancellationToken);
                if (next.Deliveries == after.Deliveries)
                {
                    break;
                }

                after = next;
            }

            // The last quarter second saw nothing new: it is not part of the drain.
            var drained = Math.Max(0, Stopwatch.GetElapsedTime(drain).TotalSeconds - 0.25);
            var point = new FanoutPoint(rate, options.FanoutWatchers, writes.Operations, writes.Errors,
                after.UpdatesApplied - before.UpdatesApplied, after.EventsOffered - before.EventsOffered, after.Deliveries - before.Deliveries,
                pool.Updates - clientUpdates, after.Resyncs - before.Resyncs, writes.Elapsed.TotalSeconds, drained,
                ProcFs.CpuSeconds(server.Pid ?? 0) - serverCpu, ProcFs.CpuSeconds(Environment.ProcessId) - clientCpu);
            points.Add(point);
            output.WriteLine(CapacityReport.Line(point) + (writes.FirstError is { } error ? $" first_write_error=\"{error}\"" : ""));
            output.Flush();
            if (point.Resyncs > 0 || point.Delivered < 0.9 * point.EventsOffered)
            {
                break;
            }
        }

        return points;
    }
}
