using System.Diagnostics;
using Cchc.Testing;
using Xunit.Abstractions;

namespace Cchc.Cluster.Tests;

/// <summary>All three servers SIGKILLed at once under writes, then started again on the same ports and database.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WholeClusterRestartTests(ClusterDatabase database, ITestOutputHelper output)
{
    private static readonly string[] Provinces = ["58", "95"];
    private static readonly TimeSpan ServingLimit = TimeSpan.FromSeconds(30);

    // What Orleans logs when it sends a message over a connection to another generation of the silo addressed, and what
    // the server logs when it marks a silent peer's row Dead before joining (Hosting/StaleSiloRetirement).
    private const string CrossGeneration = "to connection with";
    private const string Retired = "marked Dead in the membership table before joining";

    // What the servers' logs said when a restart went wrong in earlier runs.
    private static readonly string[] RestartTrouble =
    [
        "Failed to get ping responses", "placement operation timed out", "did not arrive", "Connection terminated", "too many clients", "failed to handle",
    ];

    [Fact]
    public async Task A_cluster_killed_whole_serves_again_within_30_s_with_every_acknowledged_write()
    {
        // Not beside the overload test, which keeps a core busy on purpose: the time limits here are for a cluster, not
        // for a cluster sharing its two cores with that.
        using var turn = await MachineTurn.TakeAsync();
        var log = new TestLog(output);
        await using var cluster = await SiloCluster.StartAsync(database, log);
        var provinces = await ClusterSeason.ProvincesAsync(Provinces);
        await ClusterSeason.SeedAsync(cluster.Clients[0], cluster.Tokens, provinces);
        var ledger = new AppraisalLedger(provinces, ClusterSeason.ManualLeaves);
        var clock = Stopwatch.StartNew();
        var shape = new LoadShape(40, 32, [(Provinces[0], 1), (Provinces[1], 1)], TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(60));
        await using var load = new WriteLoad(ledger, new RoundRobinPath(cluster.Clients), cluster.Tokens, shape, clock);
        load.Start();
        try
        {
            await Poll.UntilAsync("200 acknowledged writes", TimeSpan.FromSeconds(60), () => Task.FromResult(ledger.Acknowledged >= 200));
        }
        finally
        {
            // Killed while writes are in flight: those stay unanswered, and may or may not have been stored.
            foreach (var silo in cluster.Silos)
            {
                silo.Kill();
            }

            await load.AbandonAsync();
        }

        var killedAt = clock.Elapsed;
        foreach (var silo in cluster.Silos)
        {
            await silo.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        var unanswered = ledger.Slots.Count(s => s.Unanswered is not null);
        log.Line($"SIGKILL all three at {Figures.S(killedAt)}: {ledger.Acknowledged} writes acknowledged, {unanswered} unanswered; calls refused before: {Figures.Outcomes(load.Attempts)}");

        // Every server again at once, as after a power cut, on the same ports and database. The clients keep writing
        // through it: a write refused while the servers are down is sent again, as a provincial system would.
        var restartedAt = clock.Elapsed;
        var restart = Stopwatch.StartNew();
        await using var during = new WriteLoad(ledger, new RoundRobinPath(cluster.Clients), cluster.Tokens, shape, clock);
        during.Start();
        var banners = await Task.WhenAll(cluster.Silos.Select(s => s.StartAsync(SiloCluster.StartDeadline)));
        var commune = provinces[0].Communes[0];
        var serving = await Task.WhenAll(cluster.Clients.Select(async c =>
        {
            var (_, refusals) = await SiloCluster.WaitUntilServingAsync(c, TimeSpan.FromSeconds(90), cluster.Tokens, commune);
            return (At: restart.Elapsed, Refusals: refusals);
        }));
        var allServing = serving.Max(s => s.At);
        for (var i = 0; i < SiloCluster.Size; i++)
        {
            log.Line($"{cluster.Silos[i].Name}: banner {Figures.S(banners[i])}, first read answered {Figures.S(serving[i].At)} after the restart " +
                $"(meanwhile: {serving[i].Refusals}); {cluster.Silos[i].ClusterLine}");
        }

        // Serving means serving steadily: the writes go on until 30 s after the restart (5 s past the first reads at
        // least), and a call refused or timed out late in that window counts against the limit.
        var window = TimeSpan.FromTicks(Math.Max(ServingLimit.Ticks, (allServing + TimeSpan.FromSeconds(5)).Ticks));
        await Poll.WithinAsync(window, () => Task.FromResult(restart.Elapsed >= window));
        await during.StopAsync();
        var refused = during.Attempts.Where(a => !a.Ok).ToList();
        var lastRefusal = refused.Select(a => a.Ended - restartedAt).DefaultIfEmpty().Max();
        var steady = allServing > lastRefusal ? allServing : lastRefusal;
        log.Line($"whole cluster: first reads answered by {Figures.S(allServing)} after the restart began; last refused call ended at {Figures.S(lastRefusal)}; serving steadily from {Figures.S(steady)}");
        log.Line($"writes from the restart on: {during.Writes.Count}, {during.Writes.Count(w => w.Acknowledged)} acknowledged, refused calls: {Figures.Outcomes(during.Attempts)}; " +
            $"refused after the first reads: {Figures.Outcomes(refused.Where(a => a.Started - restartedAt >= allServing))}; " +
            $"latency of writes sent after the first reads: {Figures.Latencies([.. during.Writes.Where(w => w.Acknowledged && w.Started - restartedAt >= allServing).Select(w => w.Latency)])}");
        var readBack = await ledger.VerifyAsync(cluster.Clients, cluster.Tokens, cluster.ConnectionString, log);

        // A restarted silo that took a dead predecessor's row for a live peer connects to its endpoint, where the peer's
        // new generation answers; Orleans logs every message sent over that mixed-up connection, and drops those in
        // flight when it closes it 10 s after the death.
        var crossed = cluster.Silos.SelectMany(s => s.LinesContaining(CrossGeneration)).ToList();
        var retired = cluster.Silos.SelectMany(s => s.LinesContaining(Retired)).ToList();
        log.Line($"stale rows retired before joining: {retired.Count}; messages sent to one generation of a silo over a connection to another: {crossed.Count}");

        Assert.True(readBack.Wrong.Count == 0, $"{readBack.Wrong.Count} acknowledged writes not read back:\n{string.Join('\n', readBack.Wrong.Take(30))}\n" +
            $"Server log lines:\n{cluster.LogLines("did not arrive", "deadlock", "timed out", "fail:")}");
        Assert.True(crossed.Count == 0, $"{crossed.Count} messages went to the wrong generation of a silo:\n{string.Join('\n', crossed.Take(5))}");
        Assert.True(allServing <= ServingLimit,
            $"The cluster answered reads again only {Figures.S(allServing)} after the restart; the limit is {Figures.S(ServingLimit)}.\n{cluster.LogLines(RestartTrouble)}");
        Assert.True(steady <= ServingLimit,
            $"After the restart the cluster still refused or timed out calls until {Figures.S(lastRefusal)} (limit {Figures.S(ServingLimit)}):\n" +
            string.Join('\n', refused.Where(a => a.Ended - restartedAt > allServing).TakeLast(8).Select(a =>
                $"{Figures.S(a.Started - restartedAt)}..{Figures.S(a.Ended - restartedAt)} {a.Commune} via {a.Server}: {a.Outcome} {(a.Detail.Length > 160 ? a.Detail[..160] + " …" : a.Detail)}")) +
            $"\nServer log lines:\n{cluster.LogLines(RestartTrouble)}");
        Assert.All(during.Writes, w => Assert.True(w.Acknowledged, $"A write sent from the restart on was never acknowledged: {w.LastFailure}"));
    }
}
