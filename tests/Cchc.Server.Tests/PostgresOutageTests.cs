using Cchc.Testing;
using Grpc.Core;
using Grpc.Health.V1;
using Xunit.Abstractions;

namespace Cchc.Server.Tests;

/// <summary>
/// PostgreSQL stopped as in a crash (pg_ctl stop -m immediate; CCHC_PG_STOP_MODE=fast for a clean stop) under a write load: health turns NOT_SERVING, every
/// write is refused with UNAVAILABLE saying to retry (never INTERNAL, never left to hang to its deadline); once
/// PostgreSQL is back, health is SERVING again, the resent batches are acknowledged, and every acknowledged batch is in
/// the database's audit table.
/// </summary>
public sealed class PostgresOutageTests(ITestOutputHelper output)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan CallDeadline = TimeSpan.FromSeconds(10);

    // immediate (as a crash) here; deploy/reliability/run.sh also runs fast (sessions ended, a clean stop).
    private static readonly string StopMode = Environment.GetEnvironmentVariable("CCHC_PG_STOP_MODE") is { Length: > 0 } mode ? mode : "immediate";

    [Fact]
    public async Task PostgreSQL_stopped_under_writes_turns_health_NOT_SERVING_refuses_with_UNAVAILABLE_and_loses_nothing_acknowledged()
    {
        var tiny = new TinyProvince("87", 2024);
        await using var cluster = await PostgresCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync();
        var healthInterval = TimeSpan.FromSeconds(1);
        await using var server = await RunningServer.StartAsync(configure: o => o with { PostgresConnectionString = connectionString, HealthCheckInterval = healthInterval });
        var admin = await tiny.SeedAsync(server);
        var load = new WriteLoad(server, tiny, CallDeadline);
        load.Start();
        Assert.True(SpinWait.SpinUntil(() => load.Acknowledged >= 30 || load.FailedAttempts > 0, Patience), "the writes never got going");
        Assert.True(load.FailedAttempts == 0, $"writes failed before the outage: {load.Summary}");

        var stoppedAt = load.Now;
        await cluster.StopServerAsync(StopMode);
        var toNotServing = await HealthPolling.UntilAsync(server.Shared, HealthCheckResponse.Types.ServingStatus.NotServing, Patience);
        Assert.True(SpinWait.SpinUntil(() => load.FailedAttempts >= 3 * tiny.Communes.Count, Patience), $"writes were not refused during the outage: {load.Summary}");
        var acknowledgedDuringOutage = load.AcknowledgedSince(stoppedAt);

        // After an immediate stop PostgreSQL recovers from its WAL before it takes connections: pg_ctl waits for that.
        var restartedAt = load.Now;
        await cluster.StartServerAsync();
        var accepting = load.Now;
        var toServing = await HealthPolling.UntilAsync(server.Shared, HealthCheckResponse.Types.ServingStatus.Serving, Patience);
        Assert.True(SpinWait.SpinUntil(() => load.AcknowledgedSince(restartedAt) >= 3 * tiny.Communes.Count, Patience), $"writes did not resume: {load.Summary}");
        var firstAfter = load.FirstAcknowledgedAfter(restartedAt)!.Value - accepting;
        await load.StopAsync(Patience);

        var failures = load.Failures;
        Assert.True(failures.Keys.All(code => code == StatusCode.Unavailable), $"refusals other than UNAVAILABLE: {load.Summary}");
        Assert.All(load.Messages.Keys, m => Assert.Matches("(?i)retry|send it again", m));
        Assert.True(failures[StatusCode.Unavailable].Longest < CallDeadline, $"a refusal waited for its deadline: {load.Summary}");
        Assert.Empty(await AuditKeys.MissingFromPostgresAsync(connectionString, load.AcknowledgedKeys));
        foreach (var (commune, generation) in load.LastAcknowledged)
        {
            Assert.Equal(WriteLoad.Points(generation), ScoreCards.Item((await tiny.ScorecardAsync(admin, commune)).Fields, "1.1").SelfPoints);
        }

        Print($"PostgreSQL stopped (pg_ctl -m {StopMode}) under {tiny.Communes.Count} writers, health checked every {healthInterval.TotalSeconds:0} s: " +
            $"NOT_SERVING after {toNotServing.TotalSeconds:0.0} s; {failures[StatusCode.Unavailable].Count} writes refused UNAVAILABLE " +
            $"(longest {failures[StatusCode.Unavailable].Longest.TotalMilliseconds:0} ms), {acknowledgedDuringOutage} acknowledged after the stop began (committed before it)");
        Print($"PostgreSQL started again (pg_ctl start -w: {(accepting - restartedAt).TotalSeconds:0.0} s); from then: SERVING after " +
            $"{toServing.TotalSeconds:0.0} s, first write acknowledged after {firstAfter.TotalSeconds:0.0} s; " +
            $"{load.Acknowledged} writes acknowledged in all, 0 missing from the audit table");
    }

    private void Print(string line) => output.WriteLine(TestFigures.Print("faults", line));
}
