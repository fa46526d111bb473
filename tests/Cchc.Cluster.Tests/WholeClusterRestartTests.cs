using System.Diagnostics;
using Xunit.Abstractions;

namespace Cchc.Cluster.Tests;

/// <summary>All three servers SIGKILLed at once under writes, then started again on the same ports and database.</summary>
[Collection(ClusterCollection.Name)]
public sealed class WholeClusterRestartTests(ClusterDatabase database, ITestOutputHelper output)
{
    private static readonly string[] Provinces = ["58", "95"];
    private static readonly TimeSpan ServingLimit = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_cluster_killed_whole_serves_again_within_30_s_with_every_acknowledged_write()
    {
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

        // Every server again at once, as after a power cut, on the same ports and database.
        var restart = Stopwatch.StartNew();
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

        log.Line($"whole cluster serving again {Figures.S(allServing)} after the restart began");

        // It takes writes again through every server.
        await using var after = new WriteLoad(ledger, new RoundRobinPath(cluster.Clients), cluster.Tokens, shape, clock);
        var before = ledger.Acknowledged;
        after.Start();
        await Poll.UntilAsync("60 writes acknowledged after the restart", TimeSpan.FromSeconds(30), () => Task.FromResult(ledger.Acknowledged >= before + 60));
        await after.StopAsync();

        log.Line($"after the restart: {after.Writes.Count} writes, {after.Writes.Count(w => w.Acknowledged)} acknowledged, refused calls: {Figures.Outcomes(after.Attempts)}; latency {Figures.Latencies([.. after.Writes.Where(w => w.Acknowledged).Select(w => w.Latency)])}");
        var readBack = await ledger.VerifyAsync(cluster.Clients, cluster.Tokens, log);

        Assert.True(readBack.Wrong.Count == 0, $"{readBack.Wrong.Count} acknowledged writes not read back:\n{string.Join('\n', readBack.Wrong.Take(30))}");
        Assert.True(allServing <= ServingLimit,
            $"The cluster served again only {Figures.S(allServing)} after the restart; the limit is {Figures.S(ServingLimit)}.\n{cluster.LogLines("membership", "join", "dead", "stale", "declar")}");
        Assert.All(after.Writes, w => Assert.True(w.Acknowledged, $"A write after the restart was refused: {w.LastFailure}"));
    }
}
