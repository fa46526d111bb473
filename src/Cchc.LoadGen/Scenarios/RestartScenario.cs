using System.Diagnostics;
using System.Globalization;
using Cchc.Api.V1;
using Cchc.LoadGen.Hosting;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Workload;
using Grpc.Core;

namespace Cchc.LoadGen.Scenarios;

/// <summary>
/// Cold restart with the national data stored: SIGTERM (graceful stop), start the process again on the same
/// storage, and time from process start to the first ranking served (the focus province's top 20); then read
/// every province's ranking and take the server's resident memory (VmRSS, /proc/PID/status).
/// </summary>
internal static class RestartScenario
{
    public const string Name = "restart";
    public const string MemoryName = "restart.memory";

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (context.Server is not { } server)
        {
            context.Note("restart skipped: the server was not started by cchc-bench (--server was given)");
            return;
        }

        await BulkScenario.EnsureAsync(context, cancellationToken);
        var rssBefore = ProcFs.StatusBytes(server.Pid!.Value, "VmRSS");
        var stopping = Stopwatch.GetTimestamp();
        await server.StopAsync(cancellationToken);
        var stopSeconds = Stopwatch.GetElapsedTime(stopping).TotalSeconds;

        await server.StartAgainAsync(cancellationToken);
        var bannerSeconds = Stopwatch.GetElapsedTime(server.StartedAt).TotalSeconds;
        var province = context.FocusProvince;
        var first = new GetRankingRequest { ScopeCode = province, Period = ScoreFactory.Period, PageSize = 20 };
        GetRankingResponse? page = null;
        while (page is null)
        {
            try
            {
                page = await context.Client.Ranking.GetRankingAsync(first, cancellationToken: cancellationToken);
            }
            catch (RpcException e) when (e.StatusCode == StatusCode.Unavailable && Stopwatch.GetElapsedTime(server.StartedAt) < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(10, cancellationToken);
            }
        }

        var firstRanking = Stopwatch.GetElapsedTime(server.StartedAt);
        var pid = server.Pid!.Value;
        var rssFirst = ProcFs.StatusBytes(pid, "VmRSS");
        if (page.UnitCount == 0)
        {
            throw new BenchException($"After the restart province {province} ranks no commune: the stored scores were not read back.");
        }

        var reading = Stopwatch.GetTimestamp();
        await Parallel.ForEachAsync(context.Provinces, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (p, token) =>
            await context.Client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = p.ProvinceCode, Period = ScoreFactory.Period, PageSize = 1000 }, cancellationToken: token));
        var allSeconds = Stopwatch.GetElapsedTime(reading).TotalSeconds;
        var rssAll = ProcFs.StatusBytes(pid, "VmRSS");
        var hwm = ProcFs.StatusBytes(pid, "VmHWM");

        var latency = new LatencyHistogram();
        latency.Record(ClosedLoop.Nanoseconds((long)(firstRanking.TotalSeconds * Stopwatch.Frequency)));
        context.Report(new ScenarioResult(Name, context.StorageName, 1, 0, firstRanking, latency, 0, "restarts/s", Target.Latency(100, 5000))
        {
            Extras =
            [
                new("first_ranking_s", S(firstRanking.TotalSeconds)),
                new("banner_s", S(bannerSeconds)),
                new("graceful_stop_s", S(stopSeconds)),
                new("all_provinces_read_s", S(allSeconds)),
                new("province", province),
                new("ranked", page.UnitCount.ToString(CultureInfo.InvariantCulture)),
            ],
        });
        var memory = new LatencyHistogram();

        // The bound: resident memory at most 1 GB with the national data loaded, after every scenario too.
        context.Report(new ScenarioResult(MemoryName, context.StorageName, 1, 0, TimeSpan.Zero, memory, 0, "-", Target.AtMost("rss_mb_all", 1024))
        {
            Extras =
            [
                new("rss_mb_before_restart", Mb(rssBefore)),
                new("rss_mb_first_ranking", Mb(rssFirst)),
                new("rss_mb_all", Mb(rssAll)),
                new("hwm_mb", Mb(hwm)),
                new("communes", context.Communes.Count.ToString(CultureInfo.InvariantCulture)),
            ],
        });
    }

    private static string S(double seconds) => seconds.ToString("0.000", CultureInfo.InvariantCulture);

    private static string Mb(long bytes) => (bytes / 1048576.0).ToString("0.0", CultureInfo.InvariantCulture);
}
