using Cchc.Api.V1;
using Cchc.Cli.Live;
using Cchc.Cli.Rpc;
using Grpc.Core;
using Microsoft.Extensions.Time.Testing;

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
        using var connection = new CchcConnection([server.Address], token: null);
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

    [Fact]
    public async Task An_unavailable_stream_is_resumed_after_a_backoff_from_the_version_the_view_has()
    {
        var service = new ScriptedRankingService
        {
            Watch = async (request, responses, _) =>
            {
                if (request.ResumeAfterVersion == 0)
                {
                    var snapshot = new RankingSnapshot { Version = 5 };
                    snapshot.Entries.Add(Entry("11116", "Xã Quang Khải", "80.00"));
                    await responses.WriteAsync(new WatchRankingResponse { Snapshot = snapshot });
                    throw new RpcException(new Status(StatusCode.Unavailable, "The silo holding this ranking is restarting."));
                }

                await responses.WriteAsync(Update(6, Entry("11083", "Xã Đại Sơn", "90.00")));
            },
        };
        await using var server = await LoopbackGrpcServer.StartAsync(service);
        using var connection = new CchcConnection([server.Address], token: null);
        var time = new FakeTimeProvider();
        var view = new LiveRankingView();

        var watching = new RankingWatcher(connection.Clients.Ranking, time).RunAsync(
            new WatchRankingRequest { ScopeCode = "30", Period = new Period { Year = 2022, Kind = PeriodKind.Year } },
            view,
            () => { },
            CancellationToken.None);
        // The watcher waits 500 ms of its clock before reconnecting: the test moves that clock instead of waiting.
        for (var i = 0; i < 500 && !watching.IsCompleted; i++)
        {
            await Task.WhenAny(watching, Task.Delay(10));
            time.Advance(TimeSpan.FromMilliseconds(100));
        }

        await watching.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal([0L, 5L], service.Resumes);
        Assert.Equal(6, view.Version);
        Assert.Equal(["Xã Đại Sơn", "Xã Quang Khải"], view.Entries.Select(e => e.UnitName));
    }

    private static WatchRankingResponse Update(long version, RankingEntry entry) =>
        new() { Update = new RankingUpdate { Version = version, UnitCode = entry.UnitCode, Entry = entry, UnitCount = 3 } };

    private static RankingEntry Entry(string code, string name, string index) => new() { UnitCode = code, UnitName = name, Index = index };
}
