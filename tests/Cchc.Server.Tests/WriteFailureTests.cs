using Cchc.Api.V1;
using Cchc.Storage;
using Cchc.Testing;
using Grpc.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Cchc.Server.Tests;

/// <summary>
/// Writes that do not complete, through the real server: a batch its client cancels while it waits for the storage's
/// writer leaves nothing behind, and after the database was down the next write succeeds.
/// </summary>
public sealed class WriteFailureTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_batch_cancelled_by_its_client_before_the_commit_writes_nothing()
    {
        var tiny = new TinyProvince("91", 2024);
        await using var server = await RunningServer.StartAsync();
        var admin = await tiny.SeedAsync(server);
        var (blocker, cancelled) = (tiny.Communes[0], tiny.Communes[1]);
        await tiny.SubmitAsync(server, tiny.SelfAssessment(blocker, 1m));
        await tiny.SubmitAsync(server, tiny.SelfAssessment(cancelled, 2m));
        var before = await tiny.ScorecardAsync(admin, cancelled);
        var store = server.Host.Services.GetRequiredService<ScoreStorage>();

        // Another connection holds SQLite's write lock: the writer takes the blocker's batch and waits on the lock;
        // the next batch queues behind it, and its client gives up there.
        Task<SubmitScoresResponse> blocked;
        await using (await SqliteWriteLock.HoldAsync(Path.Combine(server.DataDirectory, StorageOptions.SqliteFileName)))
        {
            var formed = store.BatchesFormed;
            blocked = tiny.SubmitAsync(server, tiny.SelfAssessment(blocker, 3m));
            Assert.True(SpinWait.SpinUntil(() => store.BatchesFormed > formed, Patience), "the blocker's batch never reached the writer");
            using var cancel = new CancellationTokenSource();
            var call = tiny.SubmitAsync(server, tiny.SelfAssessment(cancelled, 0.5m, idempotencyKey: "cancelled-1"), cancel.Token);
            Assert.True(SpinWait.SpinUntil(() => store.QueuedAppends > 0, Patience), "the cancelled batch never queued");
            var cancelledBefore = store.CancelledAppends;
            await cancel.CancelAsync();
            var error = await Assert.ThrowsAsync<RpcException>(() => call);
            Assert.Equal(StatusCode.Cancelled, error.StatusCode);

            // The client gives up at once; the server hears of it a moment later (the stream's reset, then the grain
            // call's cancellation). Only once the queued append is cancelled may the writer go on.
            Assert.True(SpinWait.SpinUntil(() => store.CancelledAppends > cancelledBefore, Patience),
                "the server never cancelled the queued append although its client had gone");
            Assert.False(blocked.IsCompleted, "the blocker's batch committed while the lock was held");
        }

        // The lock released, the batch that was already in the writer's hands commits; the cancelled one left nothing.
        Assert.Equal(1, (await blocked).AcceptedCount);
        Assert.Equal("3.00", ScoreCards.Item((await tiny.ScorecardAsync(admin, blocker)).Fields, "1.1").SelfPoints);
        Assert.Equal(Own(before), Own(await tiny.ScorecardAsync(admin, cancelled)));

        // The key was never used: sent again, the batch is applied, once.
        var resent = await tiny.SubmitAsync(server, tiny.SelfAssessment(cancelled, 0.5m, idempotencyKey: "cancelled-1"));
        Assert.False(resent.Replayed);
        Assert.Equal("0.50", ScoreCards.Item((await tiny.ScorecardAsync(admin, cancelled)).Fields, "1.1").SelfPoints);
    }

    [Fact]
    public async Task After_the_database_was_down_the_next_write_succeeds()
    {
        var tiny = new TinyProvince("90", 2024);
        await using var cluster = await PostgresCluster.StartAsync();
        var connectionString = await cluster.CreateDatabaseAsync();
        await using var server = await RunningServer.StartAsync(configure: o => o with { PostgresConnectionString = connectionString });
        var admin = await tiny.SeedAsync(server);
        var commune = tiny.Communes[0];
        await tiny.SubmitAsync(server, tiny.SelfAssessment(commune, 1m));

        await cluster.StopServerAsync();
        var failed = await Assert.ThrowsAsync<RpcException>(() => tiny.SubmitAsync(server, tiny.SelfAssessment(commune, 2.5m, idempotencyKey: "after-outage")));
        Assert.Equal(StatusCode.Unavailable, failed.StatusCode);
        Assert.Contains("retry", failed.Status.Detail, StringComparison.OrdinalIgnoreCase);

        await cluster.StartServerAsync();
        var next = await tiny.SubmitAsync(server, tiny.SelfAssessment(commune, 2.5m, idempotencyKey: "after-outage"));
        Assert.False(next.Replayed);
        Assert.Equal("2.50", ScoreCards.Item((await tiny.ScorecardAsync(admin, commune)).Fields, "1.1").SelfPoints);
        var another = await tiny.SubmitAsync(server, tiny.SelfAssessment(commune, 3m));
        Assert.Equal(next.AcceptedCount, another.AcceptedCount);
    }

    // The commune's own figures: its ranks move with the blocker's score.
    private static GetScorecardResponse Own(GetScorecardResponse card)
    {
        var own = card.Clone();
        own.ProvinceRank = null;
        own.DistrictRank = null;
        return own;
    }
}
