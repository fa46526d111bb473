using Cchc.Api.V1;
using Cchc.Security;
using static Cchc.Server.Tests.TwoProvinces;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// A province's scores and rankings are its own until it publishes them: principals of another province are refused
/// (PERMISSION_DENIED) before, and read them after; the Auth:AllowCrossProvinceUnpublishedReads setting opens them.
/// </summary>
public sealed class UnpublishedReadTests
{
    private static readonly CchcPrincipal[] Outsiders =
    [
        TestTokens.Viewer(Other), TestTokens.ProvinceAdmin(Other), TestTokens.Appraiser(Other), TestTokens.CommuneOfficer(Other, "95101"),
    ];

    private static readonly CchcPrincipal[] Insiders =
    [
        TestTokens.Viewer(Home), TestTokens.CommuneOfficer(Home, "96201"), TestTokens.Appraiser(Home, "962"), TestTokens.National,
    ];

    // Each read of province 96's results, with the scope whose publication opens it.
    private static readonly (string Name, string OpenedBy, Func<ApiClient, CallOptions, Task> Call)[] Reads =
    [
        ("scorecard of 96101", "961", (c, o) => c.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = "96101", Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("lost points of 96101", "961", (c, o) => c.Scoring.GetLostPointsAsync(new GetLostPointsRequest { CommuneCode = "96101", Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("ranking of district 961", "961", (c, o) => c.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = "961", Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("rank of 96101 in 961", "961", (c, o) => c.Ranking.GetUnitRankAsync(new GetUnitRankRequest { UnitCode = "96101", ScopeCode = "961", Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("scorecard of 96201", Home, (c, o) => c.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = "96201", Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("ranking of province 96", Home, (c, o) => c.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = Home, Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("rank of 96201 in 96", Home, (c, o) => c.Ranking.GetUnitRankAsync(new GetUnitRankRequest { UnitCode = "96201", ScopeCode = Home, Period = Rpc.Year(Year) }, o).ResponseAsync),
        ("years compared in 96", Home + " 2023", (c, o) => c.Ranking.CompareYearsAsync(new CompareYearsRequest { ScopeCode = Home, YearA = 2023, YearB = Year }, o).ResponseAsync),
        ("ranking of 96 watched", Home, WatchFirstAsync),
    ];

    [Fact]
    public async Task Another_province_reads_results_only_once_they_are_published()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), "cchc-unpublished-" + Guid.NewGuid().ToString("N"));
        var tokens = new TestTokens();
        try
        {
            await using (var server = await RunningServer.StartAsync(dataDirectory, tokens))
            {
                var client = server.Anonymous();
                await SeedAsync(server, client);
                await AssertReadsAsync(client, tokens, opened: []);

                var admin = tokens.As(TestTokens.ProvinceAdmin(Home));
                await client.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = "961", Period = Rpc.Year(Year) }, admin).ResponseAsync;
                await AssertReadsAsync(client, tokens, opened: ["961"]);
                await client.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = Home, Period = Rpc.Year(Year) }, admin).ResponseAsync;
                await AssertReadsAsync(client, tokens, opened: ["961", Home]);
                await client.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = Home, Period = Rpc.Year(2023) }, admin).ResponseAsync;
                await AssertReadsAsync(client, tokens, opened: ["961", Home, Home + " 2023"]);
            }

            // Province 95 never published: the setting opens it to 96, and nothing else decides.
            await using (var open = await RunningServer.StartAsync(dataDirectory, tokens, o => o with { Security = o.Security with { Policy = new() { AllowCrossProvinceUnpublishedReads = true } } }))
            {
                var ranking = await open.Anonymous().Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = Other, Period = Rpc.Year(Year) }, tokens.As(TestTokens.Viewer(Home))).ResponseAsync;
                Assert.Equal((1, false), (ranking.UnitCount, ranking.Published));
            }
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }

    private static async Task AssertReadsAsync(ApiClient client, TestTokens tokens, string[] opened)
    {
        foreach (var (name, openedBy, call) in Reads)
        {
            foreach (var insider in Insiders)
            {
                await call(client, tokens.As(insider));
            }

            foreach (var outsider in Outsiders)
            {
                if (opened.Contains(openedBy))
                {
                    await call(client, tokens.As(outsider));
                    continue;
                }

                var error = await Assert.ThrowsAsync<RpcException>(() => call(client, tokens.As(outsider)));
                Assert.True(error.StatusCode == StatusCode.PermissionDenied, $"{outsider.AuditName}, {name}: {error.StatusCode} {error.Status.Detail}");
                Assert.Contains("readable only inside that province", error.Status.Detail, StringComparison.Ordinal);
            }
        }
    }

    private static async Task WatchFirstAsync(ApiClient client, CallOptions options)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var call = client.Ranking.WatchRanking(new WatchRankingRequest { ScopeCode = Home, Period = Rpc.Year(Year) }, options.WithCancellationToken(timeout.Token));
        Assert.True(await call.ResponseStream.MoveNext(timeout.Token));
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, call.ResponseStream.Current.EventCase);
    }
}
