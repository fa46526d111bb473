using Cchc.Api.Import;
using Cchc.Api.V1;
using Grpc.Core;
using static Cchc.Server.Tests.DeadlineTimes;

namespace Cchc.Server.Tests;

/// <summary>Windows and the extension log are stored: after a clean restart on the same data they read and govern as before.</summary>
public sealed class DeadlineRestartTests
{
    private const string Province = "48";
    private const int Year = 2024;

    [Fact]
    public async Task Windows_and_extensions_survive_a_restart_and_still_govern_writes()
    {
        var import = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == Province);
        var communes = import.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => u.Code).Take(2).ToList();
        var t = Now();
        GetDeadlinesResponse before;
        await using (var server = await RunningServer.StartAsync())
        {
            var admin = server.ClientAs(TestTokens.ProvinceAdmin(Province));
            await admin.Registry.ImportUnitsAsync(import).ResponseAsync;
            await admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, Year)).ResponseAsync;
            await admin.Deadlines.SetDeadlinesAsync(Set(Province, Year,
                Window(Stage.SelfAssessment, t.AddDays(-20), t.AddDays(-1)), Window(Stage.AppraisalRound1, t.AddDays(1), t.AddDays(10)))).ResponseAsync;
            await admin.Deadlines.ExtendDeadlineAsync(Extend(Province, Year, communes[0], Stage.SelfAssessment, Rfc(t.AddDays(2)), "Chậm do sáp nhập thôn")).ResponseAsync;
            before = await admin.Deadlines.GetDeadlinesAsync(Get(Province, Year)).ResponseAsync;
            await server.StopAsync();

            await using var restarted = await RunningServer.StartAsync(server.DataDirectory, server.Tokens);
            var again = restarted.ClientAs(TestTokens.ProvinceAdmin(Province));
            Assert.Equal(before, await again.Deadlines.GetDeadlinesAsync(Get(Province, Year)).ResponseAsync);
            Assert.Equal(2, before.Windows.Count);
            Assert.Single(before.Extensions);

            Task<SubmitScoresResponse> SelfAssessAsync(string commune) => restarted.Shared.Scoring.SubmitScoresAsync(
                new SubmitScoresRequest
                {
                    CommuneCode = commune, Period = Rpc.Year(Year), Stage = Stage.SelfAssessment,
                    Items = { new ItemScore { ItemCode = "1.1", Points = "3" } },
                },
                restarted.Tokens.As(TestTokens.CommuneOfficer(Province, commune))).ResponseAsync;
            Assert.Equal(1, (await SelfAssessAsync(communes[0])).AcceptedCount);
            Assert.Equal(StatusCode.FailedPrecondition, (await Assert.ThrowsAsync<RpcException>(() => SelfAssessAsync(communes[1]))).StatusCode);
        }
    }
}
