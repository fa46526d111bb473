using System.Threading.Channels;
using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Core.Comparison;
using Cchc.Core.LostPoints;
using Cchc.Core.Ranking;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// Two appraisal seasons of a real province (Bắc Kạn, 108 communes in 8 districts) through the real server, checked
/// figure by figure against what Cchc.Core computes from the same inputs; then a restart on the same data.
/// </summary>
public sealed class SeasonTests
{
    private const string Province = "06";

    [Fact]
    public async Task Two_seasons_through_the_api_give_what_the_core_computes_and_survive_a_restart()
    {
        var import = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == Province);
        var communes = import.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => new Season.Commune(u.Code, u.Name, u.ParentCode)).ToList();

        await using var server = await RunningServer.StartAsync();
        var client = server.ClientAs(TestTokens.ProvinceAdmin(Province));
        var writers = server.Anonymous();
        var imported = await client.Registry.ImportUnitsAsync(import).ResponseAsync;
        Assert.Equal((8, communes.Count), (imported.DistrictCount, imported.CommuneCount));

        // 2023: the whole season, then publication.
        var first = new Season(writers, server.Tokens, Province, 2023, communes, seed: 2023);
        await first.PutFrameworkAsync();
        await first.PlayAsync();
        await client.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = Province, Period = Rpc.Year(2023) }).ResponseAsync;
        var standings2023 = Standings(first, communes);
        await AssertRankingAsync(client, Province, first, standings2023, previous: null);
        await AssertWritesAfterPublishAreRefusedAsync(client, first, communes[7]);

        // 2024, watched live from its start.
        var second = new Season(writers, server.Tokens, Province, 2024, communes, seed: 2024);
        await second.PutFrameworkAsync();
        using var watchEnd = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        var call = client.Ranking.WatchRanking(new WatchRankingRequest { ScopeCode = Province, Period = Rpc.Year(2024) }, cancellationToken: watchEnd.Token);
        var watched = Channel.CreateUnbounded<WatchRankingResponse>();
        var watcher = Task.Run(async () =>
        {
            await foreach (var message in call.ResponseStream.ReadAllAsync(watchEnd.Token))
            {
                watched.Writer.TryWrite(message);
            }
        });
        var firstMessage = await watched.Reader.ReadAsync(watchEnd.Token);
        Assert.Equal(WatchRankingResponse.EventOneofCase.Snapshot, firstMessage.EventCase);

        await second.PlayAsync();
        var standings2024 = Standings(second, communes);
        var ranking2024 = await AssertRankingAsync(client, Province, second, standings2024, previous: standings2023);
        foreach (var district in communes.Select(c => c.District).Distinct().Take(3))
        {
            var inDistrict = communes.Where(c => c.District == district).ToList();
            await AssertRankingAsync(client, district, second, Standings(second, inDistrict), previous: Standings(first, inDistrict));
        }

        await AssertFieldRankingAsync(client, second, standings2024, "5");
        await AssertUnitRanksAsync(client, second, communes, standings2024);
        var finalVersion = (await client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = Province, Period = Rpc.Year(2024), PageSize = 1 }).ResponseAsync).Version;
        await AssertWatcherSawEveryChangeAsync(watched.Reader, firstMessage.Snapshot, ranking2024, finalVersion, watchEnd.Token);
        await watchEnd.CancelAsync();
        call.Dispose();
        await Assert.ThrowsAnyAsync<Exception>(() => watcher);

        await AssertCompareYearsAsync(client, standings2023, standings2024);
        await AssertLostPointsAsync(client, second, communes, communes[11]);
        await AssertScorecardAsync(client, second, communes[5], standings2024, Standings(second, communes.Where(c => c.District == communes[5].District).ToList()));

        // Restart on the same data: the rankings are rebuilt from the stored scores.
        await client.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = Province, Period = Rpc.Year(2024) }).ResponseAsync;
        var before = await AllRankingsAsync(client);
        await server.StopAsync();
        await using var restarted = await RunningServer.StartAsync(server.DataDirectory, server.Tokens);
        Assert.Equal(before, await AllRankingsAsync(restarted.ClientAs(TestTokens.ProvinceAdmin(Province))));
    }

    private static ScopeStandings Standings(Season season, IEnumerable<Season.Commune> communes) =>
        new(season.Framework, season.Period, communes.Select(season.Result));

    private static async Task<List<RankingEntry>> ReadAllPagesAsync(ApiClient client, string scope, int year, string field = "")
    {
        var entries = new List<RankingEntry>();
        var request = new GetRankingRequest { ScopeCode = scope, Period = Rpc.Year(year), FieldCode = field, PageSize = 40 };
        while (true)
        {
            var page = await client.Ranking.GetRankingAsync(request).ResponseAsync;
            entries.AddRange(page.Entries);
            if (page.NextPageToken.Length == 0)
            {
                return entries;
            }

            request.PageToken = page.NextPageToken;
        }
    }

    private static async Task<List<RankingEntry>> AssertRankingAsync(ApiClient client, string scope, Season season, ScopeStandings expected, ScopeStandings? previous)
    {
        var entries = await ReadAllPagesAsync(client, scope, season.Period.Year);
        AssertEntries(expected.Overall, entries, season.Framework, previous?.Overall);
        return entries;
    }

    private static async Task AssertFieldRankingAsync(ApiClient client, Season season, ScopeStandings expected, string field)
    {
        var entries = await ReadAllPagesAsync(client, Province, season.Period.Year, field);
        AssertEntries(expected.ForNode(field), entries, season.Framework, previous: null);
    }

    private static void AssertEntries(RankingResult expected, List<RankingEntry> actual, Cchc.Core.Frameworks.Framework framework, RankingResult? previous)
    {
        Assert.Equal(expected.Ranked.Select(r => r.UnitCode), actual.Select(e => e.UnitCode));
        foreach (var (want, got) in expected.Ranked.Zip(actual))
        {
            Assert.Equal(
                (want.Name, OfficialFigure.Format(want.Index), want.Rank.CompetitionRank, want.Rank.DenseRank, want.Rank.GroupCount, want.Rank.GroupSize, want.Rank.UnitCount),
                (got.UnitName, got.Index, got.CompetitionRank, got.DenseRank, got.GroupCount, got.TiedCount, got.UnitCount));
            if (previous is null)
            {
                continue;
            }

            var before = previous.Find(want.UnitCode)!;
            var change = new Core.Comparison.RankChange(before.Rank.CompetitionRank, want.Rank.CompetitionRank);
            Assert.Equal((true, before.Rank.CompetitionRank, change.Places, change.Phrase, OfficialFigure.Format(before.Index)),
                (got.Change.HasPrevious, got.Change.PreviousRank, got.Change.Places, got.Change.Phrase, got.Change.PreviousIndex));
            Assert.Equal(framework.ClassOf(want.Index), got.ClassName);
        }

        if (previous is not null)
        {
            Assert.Contains(actual, e => e.Change.Places > 0 && e.Change.Phrase.StartsWith("tăng ", StringComparison.Ordinal));
            Assert.Contains(actual, e => e.Change.Places < 0 && e.Change.Phrase.StartsWith("giảm ", StringComparison.Ordinal));
        }
    }

    private static async Task AssertUnitRanksAsync(ApiClient client, Season season, List<Season.Commune> communes, ScopeStandings expected)
    {
        foreach (var commune in communes.Where((_, i) => i % 25 == 3))
        {
            var overall = await client.Ranking.GetUnitRankAsync(new GetUnitRankRequest { UnitCode = commune.Code, ScopeCode = Province, Period = Rpc.Year(2024) }).ResponseAsync;
            var want = expected.Overall.Find(commune.Code)!;
            Assert.Equal((want.Rank.CompetitionRank, OfficialFigure.Format(want.Index)), (overall.Entry.CompetitionRank, overall.Entry.Index));
            var field = await client.Ranking.GetUnitRankAsync(new GetUnitRankRequest { UnitCode = commune.Code, ScopeCode = Province, Period = Rpc.Year(2024), FieldCode = "2" }).ResponseAsync;
            Assert.Equal(expected.ForNode("2").Find(commune.Code)!.Rank.CompetitionRank, field.Entry.CompetitionRank);
            var inDistrict = Standings(season, communes.Where(c => c.District == commune.District));
            var district = await client.Ranking.GetUnitRankAsync(new GetUnitRankRequest { UnitCode = commune.Code, ScopeCode = commune.District, Period = Rpc.Year(2024) }).ResponseAsync;
            Assert.Equal(inDistrict.Overall.Find(commune.Code)!.Rank.CompetitionRank, district.Entry.CompetitionRank);
        }
    }

    private static async Task AssertWatcherSawEveryChangeAsync(ChannelReader<WatchRankingResponse> watched, RankingSnapshot snapshot, List<RankingEntry> final, long finalVersion, CancellationToken cancellationToken)
    {
        var local = snapshot.Entries.ToDictionary(e => e.UnitCode);
        var version = snapshot.Version;
        while (version < finalVersion)
        {
            var message = await watched.ReadAsync(cancellationToken);
            Assert.Equal(WatchRankingResponse.EventOneofCase.Update, message.EventCase);
            Assert.Equal(version + 1, message.Update.Version);
            version = message.Update.Version;
            if (message.Update.Entry is { } entry)
            {
                local[entry.UnitCode] = entry;
            }
            else
            {
                local.Remove(message.Update.UnitCode);
            }
        }

        Assert.Equal(finalVersion, version);

        // The watcher's copy, re-sorted as the protocol says, is the ranking GetRanking gives.
        var reranked = Ranker.Rank(local.Values.Select(e => new RankCandidate(e.UnitCode, e.UnitName, decimal.Parse(e.Index, System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(final.Select(e => (e.UnitCode, e.CompetitionRank)), reranked.Ranked.Select(r => (r.UnitCode, r.Rank.CompetitionRank)));
        Assert.True(version > snapshot.Version + 300, $"Only {version - snapshot.Version} updates were seen.");
    }

    private static async Task AssertCompareYearsAsync(ApiClient client, ScopeStandings earlier, ScopeStandings later)
    {
        var response = await client.Ranking.CompareYearsAsync(new CompareYearsRequest { ScopeCode = Province, YearA = 2023, YearB = 2024 }).ResponseAsync;
        var expected = PeriodComparer.CompareScope(earlier, later);
        Assert.Equal(expected.Select(c => c.UnitCode), response.Units.Select(u => u.UnitCode));
        foreach (var (want, got) in expected.Zip(response.Units))
        {
            Assert.Equal(
                (OfficialFigure.Format(want.Earlier!.Index!.Value), OfficialFigure.Format(want.Later.Index!.Value), want.Earlier.Rank!.CompetitionRank, want.Later.Rank!.CompetitionRank, want.RankChange!.Places, want.RankChange.Phrase, want.Later.ClassName),
                (got.Overall.IndexA, got.Overall.IndexB, got.Overall.RankA, got.Overall.RankB, got.Overall.Places, got.Overall.Phrase, got.Overall.ClassB));
            Assert.Equal([want.UnitCode], got.ComparedWithCodes);
            Assert.Equal(
                want.Fields.Select(f => (f.Code, f.RankChange?.Places ?? 0, f.RankChange?.Phrase ?? "", f.EarlierRank?.CompetitionRank ?? 0, f.LaterRank?.CompetitionRank ?? 0)),
                got.Fields.Select(f => (f.FieldCode, f.Places, f.Phrase, f.RankA, f.RankB)));
        }

        Assert.Contains(response.Units, u => u.Fields.Any(f => f.Places > 0));
        Assert.Contains(response.Units, u => u.Fields.Any(f => f.Places < 0));

        var one = await client.Ranking.CompareYearsAsync(new CompareYearsRequest { ScopeCode = Province, UnitCode = expected[3].UnitCode, YearA = 2023, YearB = 2024 }).ResponseAsync;
        Assert.Equal(response.Units[3], Assert.Single(one.Units));
    }

    private static async Task AssertLostPointsAsync(ApiClient client, Season season, List<Season.Commune> communes, Season.Commune commune)
    {
        string[] whatIf = ["2.1", "3.1", "6"];
        var request = new GetLostPointsRequest { CommuneCode = commune.Code, Period = Rpc.Year(2024), WhatIfFullItems = { whatIf } };
        var response = await client.Scoring.GetLostPointsAsync(request).ResponseAsync;
        var result = season.Result(commune);
        var expected = LostPointAnalyzer.Analyze(result);
        Assert.NotEmpty(expected);
        Assert.Equal(
            expected.Select(i => (i.Code, OfficialFigure.Format(i.Lost), i.Points is { } p ? OfficialFigure.Format(p) : "", i.AppraisalGap is { } g ? OfficialFigure.Format(g) : "", i.CouncilComment ?? "")),
            response.Items.Select(i => (i.ItemCode, i.LostPoints, i.EffectivePoints, i.AppraisalDeduction, i.CouncilComment)));

        var province = WhatIfAnalyzer.AtFullPoints(season.Framework, season.Card(commune), whatIf, communes.Select(c => RankCandidate.Overall(season.Result(c))));
        var district = WhatIfAnalyzer.AtFullPoints(season.Framework, season.Card(commune), whatIf,
            communes.Where(c => c.District == commune.District).Select(c => RankCandidate.Overall(season.Result(c))));
        Assert.Equal(
            (OfficialFigure.Format(province.NewIndex!.Value), province.NewClass, province.NewRank!.CompetitionRank, district.NewRank!.CompetitionRank),
            (response.WhatIf.Index, response.WhatIf.ClassName, response.WhatIf.ProvinceRank, response.WhatIf.DistrictRank));
        Assert.True(province.NewIndex > result.Index);
    }

    private static async Task AssertScorecardAsync(ApiClient client, Season season, Season.Commune commune, ScopeStandings province, ScopeStandings district)
    {
        var card = await client.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = commune.Code, Period = Rpc.Year(2024) }).ResponseAsync;
        var result = season.Result(commune);
        Assert.Equal((commune.Name, OfficialFigure.Format(result.Index!.Value), result.ClassName, result.IsProvisional),
            (card.CommuneName, card.Index, card.ClassName, card.Provisional));
        Assert.Equal(province.Overall.Find(commune.Code)!.Rank.CompetitionRank, card.ProvinceRank.CompetitionRank);
        Assert.Equal(district.Overall.Find(commune.Code)!.Rank.CompetitionRank, card.DistrictRank.CompetitionRank);
        var field2 = card.Fields.Single(f => f.Code == "2");
        var group = field2.Children.Single(c => c.Code == "2.1");
        Assert.Equal(OfficialFigure.Format(result.Node("2.1").Index!.Value), group.ComponentIndex);
        Assert.Equal(OfficialFigure.Format(result.Node("2").Achieved), field2.EffectivePoints);
        Assert.Equal(["2.1.1", "2.1.2", "2.1.3"], group.Children.Select(c => c.Code));
        // The root "Tổng điểm": the Core's total, and sums that agree with the fields the card lists.
        static decimal Sum(IEnumerable<string> figures) => figures.Where(f => f.Length > 0).Sum(f => decimal.Parse(f, System.Globalization.CultureInfo.InvariantCulture));
        var total = card.Total;
        Assert.Equal(
            ("", "Tổng điểm", OfficialFigure.Format(season.Framework.DeclaredTotal), OfficialFigure.Format(result.Total.EvaluatedMax), OfficialFigure.Format(result.Total.Achieved),
                OfficialFigure.Format(result.Total.Lost), OfficialFigure.Format(result.Total.AppraisalDeduction), card.Index, result.IsProvisional),
            (total.Code, total.Name, total.FrameworkMaxPoints, total.MaxPoints, total.EffectivePoints, total.LostPoints, total.AppraisalDeduction, total.ComponentIndex, total.Provisional));
        Assert.Equal(OfficialFigure.Format(Sum(card.Fields.Select(f => f.SelfPoints))), total.SelfPoints);
        Assert.Equal(OfficialFigure.Format(Sum(card.Fields.Select(f => f.AppraisedPoints))), total.AppraisedPoints);
        Assert.Equal(OfficialFigure.Format(Sum(card.Fields.Select(f => f.FrameworkMaxPoints))), total.FrameworkMaxPoints);
        Assert.Empty(total.Children);

        var leaf = result.Item("2.1.3");
        Assert.Equal((OfficialFigure.Format(leaf.SelfPoints!.Value), OfficialFigure.Format(leaf.AppraisedPoints!.Value)),
            (group.Children[2].SelfPoints, group.Children[2].AppraisedPoints));
    }

    private static async Task AssertWritesAfterPublishAreRefusedAsync(ApiClient client, Season published, Season.Commune commune)
    {
        var read = new GetScorecardRequest { CommuneCode = commune.Code, Period = Rpc.Year(2023) };
        var before = await client.Scoring.GetScorecardAsync(read).ResponseAsync;
        var write = published.Request(commune.Code, Stage.AppraisalRound2, [new ItemScore { ItemCode = "1.1", Points = "3" }]);
        var refused = await Assert.ThrowsAsync<RpcException>(() => published.SubmitAsync(write));
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("published", refused.Status.Detail, StringComparison.Ordinal);
        var framework = await Assert.ThrowsAsync<RpcException>(() => client.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, 2023)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, framework.StatusCode);
        Assert.Equal(before, await client.Scoring.GetScorecardAsync(read).ResponseAsync);
    }

    private static async Task<List<GetRankingResponse>> AllRankingsAsync(ApiClient client)
    {
        var all = new List<GetRankingResponse>();
        foreach (var year in (int[])[2023, 2024])
        {
            foreach (var field in (string[])["", "1", "6"])
            {
                all.Add(await client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = Province, Period = Rpc.Year(year), FieldCode = field, PageSize = 1000 }).ResponseAsync);
            }
        }

        Assert.All(all, r => Assert.True(r.Published));
        return all;
    }
}
