using Cchc.Api.V1;
using Cchc.Cli.Live;
using Cchc.Cli.Rpc;

namespace Cchc.Cli.Tests;

/// <summary>The watcher against a real gRPC server on loopback whose WatchRanking stream skips a version.</summary>
public sealed class RankingWatcherTests
{
    [Fact]
    public async Task A_gap_reconnects_with_the_last_version_and_the_missed_updates_are_applied()
    {
        var service = new ScriptedRankingService
        {
            Watch = async (request, responses, _) =>
            {
                if (request.ResumeAfterVersion == 0)
                {
                    var snapshot = new RankingSnapshot { Version = 5 };
                    snapshot.Entries.Add(Entry("11116", "Xã Quang Khải", "80.00"));
                    snapshot.Entries.Add(Entry("11083", "Xã Đại Sơn", "75.00"));
                    await responses.WriteAsync(new WatchRankingResponse { Snapshot = snapshot });
                    await responses.WriteAsync(Update(6, Entry("11083", "Xã Đại Sơn", "80.00")));
                    // Version 7 is lost on the way: the client must notice and resume after 6.
                    await responses.WriteAsync(Update(8, Entry("11116", "Xã Quang Khải", "60.00")));
                    return;
                }

                await responses.WriteAsync(Update(7, Entry("11095", "Xã Dân Chủ", "80.00")));
                await responses.WriteAsync(Update(8, Entry("11116", "Xã Quang Khải", "60.00")));
            },
        };
        await using var server = await LoopbackGrpcServer.StartAsync(service);
        using var connection = new CchcConnection(server.Address, token: null);
        var view = new LiveRankingView();
        var redraws = 0;

        await new RankingWatcher(connection.Clients.Ranking, TimeProvider.System).RunAsync(
            new WatchRankingRequest { ScopeCode = "30", Period = new Period { Year = 2022, Kind = PeriodKind.Year } },
            view,
            () => redraws++,
            CancellationToken.None);

        Assert.Equal([0L, 6L], service.Resumes);
        Assert.Equal(8, view.Version);
        Assert.Equal(4, redraws);
        Assert.Equal(["Xã Dân Chủ", "Xã Đại Sơn", "Xã Quang Khải"], view.Entries.Select(e => e.UnitName));
        Assert.Equal([1, 1, 3], view.Entries.Select(e => e.CompetitionRank));
    }

    private static WatchRankingResponse Update(long version, RankingEntry entry) =>
        new() { Update = new RankingUpdate { Version = version, UnitCode = entry.UnitCode, Entry = entry, UnitCount = 3 } };

    private static RankingEntry Entry(string code, string name, string index) => new() { UnitCode = code, UnitName = name, Index = index };
}
