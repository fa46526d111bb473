using System.Diagnostics;
using System.Globalization;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Scenarios;

/// <summary>
/// Self-assessment season at national scale: every commune in scope submits its whole self-assessment in one
/// batch (about 91 items), from <see cref="RunOptions.Concurrency"/> callers. Each answer comes after the batch is durable.
/// The first communes warm the server up; the rate is of the rest (the whole load's rate is reported beside it).
/// </summary>
internal static class BulkScenario
{
    public const string Name = "bulk";

    public static async Task RunAsync(BenchContext context, CancellationToken cancellationToken)
    {
        await SetupScenario.RunAsync(context, cancellationToken);
        var communes = context.Communes;
        var concurrency = context.Options.Concurrency;
        long items = 0;

        // Like every other phase, the rate is measured once the server's code is compiled at its last tier: the
        // first communes of the load (at most a quarter of them) are the warm-up, and the rest, whose grains are as
        // new as theirs, are the measured load. The warm-up lasts its whole length however small the load: once its
        // communes have all submitted, they submit again (a new batch with the same scores), since one province's
        // quarter is over in about a second and a half, while a fresh server compiles for tens of seconds (a third of
        // its CPU samples in a PostgreSQL bulk load measured that early; deploy/bench/README.md).
        var warmupCommunes = communes.Count / 4;
        var wholeLoad = Stopwatch.StartNew();
        var warmup = await ClosedLoop.RunAsync(concurrency, context.Options.Warmup,
            n => n < warmupCommunes ? SubmitAsync(n)
                : warmupCommunes > 0 ? SubmitAsync(n % warmupCommunes, round: n / warmupCommunes)
                : Task.FromResult(false), cancellationToken);
        var measuredFrom = Math.Min(warmup.Operations + warmup.Errors, warmupCommunes);
        var warmupItems = Interlocked.Exchange(ref items, 0);
        if (warmup.Errors > 0)
        {
            context.Note($"bulk warm-up: {warmup.Errors} of {measuredFrom} communes failed, first: {warmup.FirstError}");
        }

        var commitsBefore = context.Postgres is { } pg ? await pg.WalSyncsAsync(cancellationToken) : 0;
        var totalsBefore = await ServerTotals.ReadAsync(context.Server?.MetricsAddress, cancellationToken);
        using var cpu = context.StartCpu();
        var outcome = await ClosedLoop.RunAsync(concurrency, TimeSpan.FromHours(1),
            n => measuredFrom + n < communes.Count ? SubmitAsync(measuredFrom + n) : Task.FromResult(false), cancellationToken);
        var wholeSeconds = wholeLoad.Elapsed.TotalSeconds;
        var extras = cpu.Stop().ToList();
        extras.AddRange(ServerTotals.Delta(totalsBefore, await ServerTotals.ReadAsync(context.Server?.MetricsAddress, cancellationToken), items));
        extras.Add(new("warmup_communes", measuredFrom.ToString(CultureInfo.InvariantCulture)));
        extras.Add(new("warmup_batches", (warmup.Operations + warmup.Errors).ToString(CultureInfo.InvariantCulture)));
        extras.Add(new("whole_load_items_per_s", ((warmupItems + items) / wholeSeconds).ToString("0", CultureInfo.InvariantCulture)));
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

        async Task<bool> SubmitAsync(long n, long round = 0)
        {
            var request = ScoreFactory.SelfAssessment(communes[(int)n].Code, context.Framework);
            if (round > 0)
            {
                request.IdempotencyKey += $"-warmup-{round}";
            }

            var response = await context.Client.Scoring.SubmitScoresAsync(request, cancellationToken: cancellationToken);
            Interlocked.Add(ref items, response.AcceptedCount);
            context.Book.SetIndex(request.CommuneCode, response.Index);
            return true;
        }
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
