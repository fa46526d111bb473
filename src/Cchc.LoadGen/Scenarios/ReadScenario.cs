using System.Globalization;
using Cchc.Api.V1;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Scenarios;

/// <summary>
/// Ranking reads on the focus province (by default the largest, Thanh Hóa, 549 communes): its top 20, the
/// whole province in one page, and one random commune's rank. Closed loop at <see cref="RunOptions.Concurrency"/>.
/// </summary>
internal static class ReadScenario
{
    public const string Top20 = "reads.top20";
    public const string Province = "reads.province";
    public const string Unit = "reads.unit";

    public static async Task RunAsync(BenchContext context, string name, CancellationToken cancellationToken)
    {
        await BulkScenario.EnsureAsync(context, cancellationToken);
        var province = context.FocusProvince;
        var communes = context.CommunesOf(province);
        var top20 = new GetRankingRequest { ScopeCode = province, Period = ScoreFactory.Period, PageSize = 20 };
        var whole = new GetRankingRequest { ScopeCode = province, Period = ScoreFactory.Period, PageSize = 1000 };
        var unitRequests = communes.Select(c => new GetUnitRankRequest { UnitCode = c.Code, ScopeCode = province, Period = ScoreFactory.Period }).ToArray();
        long entries = 0;

        Func<long, Task<bool>> call = name switch
        {
            Top20 => async _ =>
            {
                var page = await context.Client.Ranking.GetRankingAsync(top20, cancellationToken: cancellationToken);
                Interlocked.Add(ref entries, page.Entries.Count);
                return true;
            },
            Province => async _ =>
            {
                var page = await context.Client.Ranking.GetRankingAsync(whole, cancellationToken: cancellationToken);
                Interlocked.Add(ref entries, page.Entries.Count);
                return true;
            },
            _ => async _ =>
            {
                var rank = await context.Client.Ranking.GetUnitRankAsync(unitRequests[Random.Shared.Next(unitRequests.Length)], cancellationToken: cancellationToken);
                Interlocked.Add(ref entries, rank.Entry is null ? 0 : 1);
                return true;
            },
        };

        await ClosedLoop.RunAsync(context.Options.Concurrency, context.Options.Warmup, call, cancellationToken);
        entries = 0;
        using var cpu = context.StartCpu();
        var outcome = await ClosedLoop.RunAsync(context.Options.Concurrency, context.Options.Duration, call, cancellationToken);
        var extras = cpu.Stop().ToList();
        extras.Add(new("province", province));
        extras.Add(new("entries_per_read", (entries / (double)Math.Max(1, outcome.Operations)).ToString("0.0", CultureInfo.InvariantCulture)));
        extras.Add(new("concurrency", context.Options.Concurrency.ToString(CultureInfo.InvariantCulture)));
        var target = name switch
        {
            Top20 => Target.Rate(40_000),
            Province => Target.Rate(5_000),
            _ => Target.Rate(50_000),
        };
        context.Report(new ScenarioResult(name, context.StorageName, outcome.Operations, 0, outcome.Elapsed, outcome.Latency, outcome.Errors,
            "reads/s", target) { Extras = extras }, outcome.FirstError);
    }
}
