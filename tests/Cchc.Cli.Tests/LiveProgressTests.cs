using Cchc.Api.V1;
using Cchc.Cli.Live;
using Cchc.Cli.Rendering;
using Cchc.Cli.Rpc;

namespace Cchc.Cli.Tests;

/// <summary>The client's copy of a scope's progress, kept from the ranking stream, and how it reads on screen.</summary>
public sealed class LiveProgressTests
{
    [Fact]
    public void A_snapshot_gives_the_totals_and_every_row_and_an_update_replaces_one_row_and_the_totals()
    {
        var view = new LiveProgress();
        view.Apply(Snapshot(4, Totals(selfAll: 0, selfNone: 2), Row("11116", "Xã Quang Khải", 0), Row("11083", "Xã Đại Sơn", 0)));

        var outcome = view.Apply(Update(5, "11116", Row("11116", "Xã Quang Khải", 68), Totals(selfAll: 1, selfNone: 1)));

        Assert.Equal(LiveApplyOutcome.Applied, outcome);
        Assert.Equal((5L, "11116"), (view.Version, view.LastUnitCode));
        Assert.Equal(new StageProgress { All = 1, None = 1 }, view.Totals!.SelfAssessment);
        Assert.Equal([68, 0], view.Communes.Select(c => c.SelfAssessed));
        Assert.Equal(["11116", "11083"], view.Communes.Select(c => c.UnitCode));
    }

    [Fact]
    public void A_repeat_is_stale_and_a_skipped_version_is_a_gap_that_changes_nothing()
    {
        var view = new LiveProgress();
        view.Apply(Snapshot(4, Totals(selfAll: 0, selfNone: 1), Row("11116", "Xã Quang Khải", 0)));

        var repeat = view.Apply(Update(4, "11116", Row("11116", "Xã Quang Khải", 10), Totals(selfAll: 0, selfNone: 1)));
        var gap = view.Apply(Update(6, "11116", Row("11116", "Xã Quang Khải", 68), Totals(selfAll: 1, selfNone: 0)));

        Assert.Equal((LiveApplyOutcome.Stale, LiveApplyOutcome.Gap), (repeat, gap));
        Assert.Equal(4, view.Version);
        Assert.Equal(0, view.Communes.Single().SelfAssessed);
        Assert.Equal(LiveApplyOutcome.Gap, new LiveProgress().Apply(Update(1, "11116", Row("11116", "Xã Quang Khải", 1), Totals(1, 0))));
    }

    [Fact]
    public void The_tables_show_counts_of_the_items_and_the_explanations_line()
    {
        var console = new TestConsole();
        var totals = Totals(selfAll: 1, selfNone: 35);
        totals.CommunesWithPendingExplanations = 1;
        totals.PendingExplanations = 3;
        totals.Explained = 2;

        console.Console.Write(ProgressView.Totals(totals, "Tiến độ 30, năm 2022: 36 xã, phiên bản 9"));
        console.Console.Write(ProgressView.Communes([Row("11116", "Xã Quang Khải", 68)]));

        Assert.Contains("Tiến độ 30, năm 2022: 36 xã, phiên bản 9", console.Output, StringComparison.Ordinal);
        Assert.Matches(@"Tự đánh giá\s+│\s+1 │\s+0 │\s+35 │\s+0 │", console.Output);
        Assert.Contains("Giải trình: 1 xã còn 3 tiêu chí chờ giải trình; 2 tiêu chí đã giải trình.", console.Output, StringComparison.Ordinal);
        Assert.Matches(@"11116 │ Xã Quang Khải │\s+68/68 │\s+0/68 │\s+0 │\s+0 │\s+0/68 │\s+0/9 │", console.Output);
    }

    [Fact]
    public async Task The_watcher_resumes_after_the_last_version_when_the_stream_skips_one()
    {
        var service = new ScriptedRankingService
        {
            Watch = async (request, responses, _) =>
            {
                if (request.ResumeAfterVersion == 0)
                {
                    await responses.WriteAsync(Snapshot(5, Totals(selfAll: 0, selfNone: 2), Row("11116", "Xã Quang Khải", 0), Row("11083", "Xã Đại Sơn", 0)));
                    await responses.WriteAsync(Update(6, "11083", Row("11083", "Xã Đại Sơn", 68), Totals(selfAll: 1, selfNone: 1)));
                    // Version 7 is lost on the way: the client must notice and resume after 6.
                    await responses.WriteAsync(Update(8, "11116", Row("11116", "Xã Quang Khải", 68), Totals(selfAll: 2, selfNone: 0)));
                    return;
                }

                await responses.WriteAsync(Update(7, "11116", Row("11116", "Xã Quang Khải", 30), Totals(selfAll: 1, selfNone: 0)));
                await responses.WriteAsync(Update(8, "11116", Row("11116", "Xã Quang Khải", 68), Totals(selfAll: 2, selfNone: 0)));
            },
        };
        await using var server = await LoopbackGrpcServer.StartAsync(service);
        using var connection = new CchcConnection([server.Address], token: null);
        var view = new LiveProgress();
        var redraws = 0;

        await new RankingWatcher(connection.Clients.Ranking, TimeProvider.System).RunAsync(
            new WatchRankingRequest { ScopeCode = "30", Period = new Period { Year = 2022, Kind = PeriodKind.Year } }, view, () => redraws++, CancellationToken.None);

        Assert.Equal([0L, 6L], service.Resumes);
        Assert.Equal((8L, 4), (view.Version, redraws));
        Assert.Equal(new StageProgress { All = 2 }, view.Totals!.SelfAssessment);
        Assert.Equal([68, 68], view.Communes.Select(c => c.SelfAssessed));
    }

    private static WatchRankingResponse Snapshot(long version, ProgressTotals totals, params CommuneProgress[] rows)
    {
        var snapshot = new RankingSnapshot { Version = version, ProgressTotals = totals };
        snapshot.Progress.Add(rows);
        return new WatchRankingResponse { Snapshot = snapshot };
    }

    private static WatchRankingResponse Update(long version, string commune, CommuneProgress row, ProgressTotals totals) =>
        new() { Update = new RankingUpdate { Version = version, UnitCode = commune, Progress = row, ProgressTotals = totals } };

    private static CommuneProgress Row(string code, string name, int self) => new()
    {
        UnitCode = code,
        UnitName = name,
        RegularItems = 68,
        SurveyItems = 9,
        SelfAssessed = self,
        SelfAssessment = self == 0 ? ProgressStatus.None : self == 68 ? ProgressStatus.All : ProgressStatus.Some,
    };

    private static ProgressTotals Totals(int selfAll, int selfNone) => new()
    {
        UnitCount = selfAll + selfNone,
        SelfAssessment = new StageProgress { All = selfAll, None = selfNone },
    };
}
