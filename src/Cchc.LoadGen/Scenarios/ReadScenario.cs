using System.Globalization;
using Cchc.Api.V1;
using Cchc.LoadGen.Measurement;
using Cchc.LoadGen.Reading;
using Cchc.LoadGen.Workload;
using Google.Protobuf;
using Grpc.Core;

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

    private static readonly Marshaller<RankingEntries> EntriesOnly = new(
        (_, _) => throw new NotSupportedException("The bench only reads ranking answers."),
        context => RankingEntriesReader.Read(context.PayloadAsReadOnlySequence()));

    private static readonly Method<GetRankingRequest, RankingEntries> LightRanking = new(MethodType.Unary,
        RankingService.Descriptor.FullName, "GetRanking",
        Marshallers.Create((GetRankingRequest r) => r.ToByteArray(), GetRankingRequest.Parser.ParseFrom), EntriesOnly);

    private static readonly Method<GetUnitRankRequest, RankingEntries> LightUnitRank = new(MethodType.Unary,
        RankingService.Descriptor.FullName, "GetUnitRank",
        Marshallers.Create((GetUnitRankRequest r) => r.ToByteArray(), GetUnitRankRequest.Parser.ParseFrom), EntriesOnly);

    public static async Task RunAsync(BenchContext context, string name, CancellationToken cancellationToken)
    {
        await BulkScenario.EnsureAsync(context, cancellationToken);
        var province = context.FocusProvince;
        var communes = context.CommunesOf(province);
        var top20 = new GetRankingRequest { ScopeCode = province, Period = ScoreFactory.Period, PageSize = 20 };
        var whole = new GetRankingRequest { ScopeCode = province, Period = ScoreFactory.Period, PageSize = 1000 };
        var unitRequests = communes.Select(c => new GetUnitRankRequest { UnitCode = c.Code, ScopeCode = province, Period = ScoreFactory.Period }).ToArray();
        long entries = 0;
        var (page, unitRank) = Readers(context, cancellationToken);

        Func<long, Task<bool>> call = name switch
        {
            Top20 => async _ =>
            {
                Interlocked.Add(ref entries, await page(top20));
                return true;
            },
            Province => async _ =>
            {
                Interlocked.Add(ref entries, await page(whole));
                return true;
            },
            _ => async _ =>
            {
                Interlocked.Add(ref entries, await unitRank(unitRequests[Random.Shared.Next(unitRequests.Length)]));
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
        extras.Add(new("read_decode", context.Options.ReadDecode));
        var target = name switch
        {
            Top20 => Target.Rate(40_000),
            Province => Target.Rate(5_000),
            _ => Target.Rate(50_000),
        };
        context.Report(new ScenarioResult(name, context.StorageName, outcome.Operations, 0, outcome.Elapsed, outcome.Latency, outcome.Errors,
            "reads/s", target) { Extras = extras }, outcome.FirstError);
    }

    /// <summary>
    /// A ranking page's and a unit rank's read, each giving the entries it got: read from the answer's bytes
    /// (<c>light</c>), or parsed whole by protobuf (<c>full</c>).
    /// </summary>
    private static (Func<GetRankingRequest, Task<int>> Page, Func<GetUnitRankRequest, Task<int>> UnitRank) Readers(BenchContext context,
        CancellationToken cancellationToken)
    {
        var ranking = context.Client.Ranking;
        if (context.Options.ReadDecode == RunOptions.FullDecode)
        {
            return (
                async request => (await ranking.GetRankingAsync(request, cancellationToken: cancellationToken)).Entries.Count,
                async request => (await ranking.GetUnitRankAsync(request, cancellationToken: cancellationToken)).Entry is null ? 0 : 1);
        }

        var invoker = context.Client.Invoker;
        var options = new CallOptions(cancellationToken: cancellationToken);
        return (
            async request => (await invoker.AsyncUnaryCall(LightRanking, null, options, request)).Count,
            async request => (await invoker.AsyncUnaryCall(LightUnitRank, null, options, request)).Count);
    }
}
