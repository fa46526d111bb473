using System.Diagnostics;
using Cchc.Api.Client;
using Cchc.Testing;
using Xunit.Abstractions;

namespace Cchc.Cluster.Tests;

/// <summary>
/// One server at a time is stopped with SIGTERM, waited for, started again and waited for until it serves, under a
/// steady write load from a client given all three addresses with the retry policy for UNAVAILABLE.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class RollingRestartTests(ClusterDatabase database, ITestOutputHelper output)
{
    private static readonly string[] Provinces = ["58", "95"];

    [Fact]
    public async Task A_rolling_restart_under_steady_writes_fails_no_call_and_loses_nothing()
    {
        // Not beside the overload test, which keeps a core busy on purpose: the time limits here are for a cluster, not
        // for a cluster sharing its two cores with that.
        using var turn = await MachineTurn.TakeAsync();
        var log = new TestLog(output);
        await using var cluster = await SiloCluster.StartAsync(database, log);
        var provinces = await ClusterSeason.ProvincesAsync(Provinces);
        await ClusterSeason.SeedAsync(cluster.Clients[0], cluster.Tokens, provinces);
        var ledger = new AppraisalLedger(provinces, ClusterSeason.ManualLeaves);
        using var channel = CchcChannel.Create([.. cluster.Silos.Select(s => s.Address)]);
        var clock = Stopwatch.StartNew();
        await using var load = new WriteLoad(ledger, new BalancedPath(channel), cluster.Tokens,
            new LoadShape(30, 64, [(Provinces[0], 1), (Provinces[1], 1)], TimeSpan.FromSeconds(15), TimeSpan.Zero), clock);
        load.Start();
        await Poll.UntilAsync("60 writes acknowledged before the restarts", TimeSpan.FromSeconds(30), () => Task.FromResult(ledger.Acknowledged >= 60));
        foreach (var client in cluster.Clients)
        {
            var silo = client.Silo;
            var began = clock.Elapsed;
            silo.Terminate();
            var stopped = await silo.WaitForExitAsync(TimeSpan.FromSeconds(60));
            var exitCode = silo.ExitCode;
            var banner = await silo.StartAsync(SiloCluster.StartDeadline);
            var (serving, refusals) = await SiloCluster.WaitUntilServingAsync(client, TimeSpan.FromSeconds(60), cluster.Tokens, provinces[0].Communes[0]);
            var line = $"{silo.Name}: SIGTERM at {Figures.S(began)}, exited {exitCode} after {Figures.S(stopped)}, banner {Figures.S(banner)} after the start, " +
                $"serving {Figures.S(serving)} after the banner (meanwhile: {refusals}); out of service {Figures.S(clock.Elapsed - began)}";
            log.Line(line);
            Assert.Equal(0, exitCode);
            Assert.NotEmpty(silo.LinesContaining("cchc-server stopped"));
        }

        var afterRestarts = ledger.Acknowledged;
        await Poll.UntilAsync("60 writes acknowledged after the restarts", TimeSpan.FromSeconds(30), () => Task.FromResult(ledger.Acknowledged >= afterRestarts + 60));
        await load.StopAsync();

        var writes = load.Writes;
        var failed = writes.Where(w => !w.Acknowledged).ToList();
        var latencies = writes.Where(w => w.Acknowledged).Select(w => w.Latency).ToList();
        var seconds = clock.Elapsed.TotalSeconds;
        var retried = load.Attempts.Where(a => a.PreviousAttempts > 0).ToList();
        log.Line($"rolling restart: {writes.Count} writes in {seconds:0.0} s ({writes.Count / seconds:0.0}/s), {failed.Count} failed for the caller; " +
            $"{retried.Count} calls answered after retries ({retried.Sum(a => a.PreviousAttempts)} retries, at most {retried.Select(a => a.PreviousAttempts).DefaultIfEmpty().Max()} for one call); latency {Figures.Latencies(latencies)}");
        var readBack = await ledger.VerifyAsync(cluster.Clients, cluster.Tokens, cluster.ConnectionString, log);

        Assert.True(failed.Count == 0, $"{failed.Count} calls failed for the caller:\n{string.Join('\n', failed.Take(20).Select(f => $"{Figures.S(f.Started)} {f.Commune}: {f.LastFailure}"))}\n" +
            $"Server log lines:\n{cluster.LogLines("unavailable", "stopping", "shutting", "error")}");
        Assert.True(readBack.Wrong.Count == 0, $"{readBack.Wrong.Count} acknowledged writes not read back:\n{string.Join('\n', readBack.Wrong.Take(30))}\n" +
            $"Server log lines:\n{cluster.LogLines("did not arrive", "deadlock", "timed out", "fail:")}");
    }
}
