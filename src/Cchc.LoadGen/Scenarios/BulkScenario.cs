using System.Globalization;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Scenarios;

/// <summary>
/// Self-assessment season at national scale: every commune in scope submits its whole self-assessment in one
/// batch (about 91 items), from <see cref="RunOptions.Concurrency"/> callers. Each answer comes after the batch is durable.
/// </summary>
internal static class BulkScenario
{
    public const string Name = "bulk";

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await SetupScenario.RunAsync(context, cancellationToken);
        var communes = context.Communes;
        long items = 0;
        var commitsBefore = context.Postgres is { } pg ? await pg.WalSyncsAsync(cancellationToken) : 0;
        var batchesBefore = await CommitBatches.ReadAsync(context.Server?.MetricsAddress, cancellationToken);
        using var cpu = context.StartCpu();
        var outcome = await ClosedLoop.RunAsync(context.Options.Concurrency, TimeSpan.FromHours(1), async n =>
        {
            if (n >= communes.Count)
            {
                return false;
            }

            var request = ScoreFactory.SelfAssessment(communes[(int)n].Code, context.Framework);
            var response = await context.Client.Scoring.SubmitScoresAsync(request, cancellationToken: cancellationToken);
            Interlocked.Add(ref items, response.AcceptedCount);
            context.Book.SetIndex(request.CommuneCode, response.Index);
            return true;
        }, cancellationToken);
        var extras = cpu.Stop().ToList();
        extras.AddRange(CommitBatches.Delta(batchesBefore, await CommitBatches.ReadAsync(context.Server?.MetricsAddress, cancellationToken)));
        if (context.Postgres is { } postgres)
        {
            // pg_stat_wal is flushed about once a second.
            await Task.Delay(TimeSpan.FromSeconds(1.5), cancellationToken);
            var commits = await postgres.WalSyncsAsync(cancellationToken) - commitsBefore;
            extras.Add(new("pg_wal_syncs", commits.ToString(CultureInfo.InvariantCulture)));
            extras.Add(new("batches_per_wal_sync", (outcome.Operations / (double)Math.Max(1, commits)).ToString("0.00", CultureInfo.InvariantCulture)));
        }

        context.SelfAssessed = true;
        context.Report(new ScenarioResult(Name, context.StorageName, outcome.Operations, items, outcome.Elapsed, outcome.Latency, outcome.Errors,
            "items/s", Target.Rate(50_000)) { Extras = extras }, outcome.FirstError);
    }

    /// <summary>Runs the bulk load first when a scenario needs scores and it has not run.</summary>
    public static async Task EnsureAsync(BenchContext context, CancellationToken cancellationToken)
    {
        if (!context.SelfAssessed)
        {
            context.Note("scores are needed first: running bulk");
            await RunAsync(context, cancellationToken);
        }
    }
}
