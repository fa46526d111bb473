using Cchc.Api.Import;
using Cchc.Api.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// A whole season of a real city (Đà Nẵng, 47 communes in 8 districts) with one district published, read back through
/// every read the API has; the server then stops cleanly and starts again on the same store, and every read answers
/// exactly as before: units, framework, each commune's scorecard and lost points, every ranking overall and per field,
/// every scope's progress, the publication and its lock. Run on SQLite and on PostgreSQL (the derived classes).
/// </summary>
public abstract class RestartTests : IAsyncLifetime
{
    private const string Province = "48";
    private const int Year = 2024;
    private TestStorage _storage = null!;

    public async Task InitializeAsync() => _storage = await CreateStorageAsync();

    public async Task DisposeAsync() => await _storage.DisposeAsync();

    [Fact]
    public async Task Every_read_answers_the_same_after_a_clean_restart()
    {
        var import = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == Province);
        var communes = import.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => new Season.Commune(u.Code, u.Name, u.ParentCode)).ToList();
        var districts = communes.Select(c => c.District).Distinct().ToList();
        var published = districts[0];

        await using var server = await RunningServer.StartAsync(configure: _storage.Apply);
        var admin = server.ClientAs(TestTokens.ProvinceAdmin(Province));
        await admin.Registry.ImportUnitsAsync(import).ResponseAsync;
        var season = new Season(server.Anonymous(), server.Tokens, Province, Year, communes, seed: 48);
        await season.PutFrameworkAsync();
        await season.PlayAsync();
        var publication = await admin.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = published, Period = Rpc.Year(Year) }).ResponseAsync;
        var before = await StateAsync(admin, communes, districts);
        Assert.Contains(before.OfType<GetRankingResponse>(), r => r.Published);
        await server.StopAsync();

        await using var restarted = await RunningServer.StartAsync(server.DataDirectory, server.Tokens, _storage.Apply);
        var again = restarted.ClientAs(TestTokens.ProvinceAdmin(Province));
        var after = await StateAsync(again, communes, districts);

        Assert.Equal(before.Count, after.Count);
        for (var i = 0; i < before.Count; i++)
        {
            Assert.Equal(before[i], after[i]);
        }

        // The publication is the stored one (publishing again is idempotent), and it still locks the district's scores.
        Assert.Equal(publication, await again.Scoring.PublishPeriodAsync(new PublishPeriodRequest { ScopeCode = published, Period = Rpc.Year(Year) }).ResponseAsync);
        var locked = communes.First(c => c.District == published);
        var write = season.Request(locked.Code, Stage.AppraisalRound2, [new ItemScore { ItemCode = "1.1", Points = "1" }]);
        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            restarted.Anonymous().Scoring.SubmitScoresAsync(write, restarted.Tokens.As(season.Writer(write))).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
    }

    private protected abstract Task<TestStorage> CreateStorageAsync();

    private static async Task<List<IMessage>> StateAsync(ApiClient client, List<Season.Commune> communes, List<string> districts)
    {
        var period = Rpc.Year(Year);
        var state = new List<IMessage>
        {
            await client.Registry.ListUnitsAsync(new ListUnitsRequest { ParentCode = Province, Year = Year, PageSize = 1000 }).ResponseAsync,
            await client.Frameworks.GetFrameworkAsync(new GetFrameworkRequest { ProvinceCode = Province, Year = Year }).ResponseAsync,
        };
        foreach (var scope in districts.Prepend(Province))
        {
            state.Add(await client.Progress.GetProgressAsync(new GetProgressRequest { ScopeCode = scope, Period = period }).ResponseAsync);
            foreach (var field in (string[])["", "1", "6"])
            {
                state.Add(await client.Ranking.GetRankingAsync(new GetRankingRequest { ScopeCode = scope, Period = period, FieldCode = field, PageSize = 1000 }).ResponseAsync);
            }
        }

        foreach (var commune in communes)
        {
            state.Add(await client.Scoring.GetScorecardAsync(new GetScorecardRequest { CommuneCode = commune.Code, Period = period }).ResponseAsync);
            state.Add(await client.Scoring.GetLostPointsAsync(new GetLostPointsRequest { CommuneCode = commune.Code, Period = period, WhatIfFullItems = { "2.1" } }).ResponseAsync);
        }

        return state;
    }
}
