using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Core.Comparison;

namespace Cchc.Server.Tests;

/// <summary>
/// CompareYears across the July 2025 merger through the real server: Khánh Hòa (56) was formed from old Khánh Hòa
/// (56) and Ninh Thuận (58). Ninh Thuận scored 2024, old Khánh Hòa had no 2024 framework. Each new commune formed from
/// Ninh Thuận communes is compared with its basis predecessor, ranked in Ninh Thuận; each formed from old Khánh Hòa
/// communes comes back with 2025 figures, no 2024 figures, and the reason.
/// </summary>
public sealed class MergerComparisonTests
{
    private const string NewProvince = "56";
    private const string Scored = "58";
    private const string Unscored = "56";

    [Fact]
    public async Task Communes_of_a_merged_province_are_compared_with_their_predecessors_and_those_without_figures_say_why()
    {
        var old = await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"));
        var merged = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-07-01-merges.json"))).Single(p => p.ProvinceCode == NewProvince);
        var provinceOf = old.SelectMany(p => p.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => (u.Code, p.ProvinceCode))).ToDictionary(x => x.Code, x => x.ProvinceCode);

        await using var server = await RunningServer.StartAsync();
        var writers = server.Anonymous();
        foreach (var import in old.Where(p => p.ProvinceCode is Scored or Unscored).Append(merged))
        {
            await server.ClientAs(TestTokens.ProvinceAdmin(import.ProvinceCode)).Registry.ImportUnitsAsync(import).ResponseAsync;
        }

        var before = Communes(old.Single(p => p.ProvinceCode == Scored));
        var season2024 = new Season(writers, server.Tokens, Scored, 2024, before, seed: 58);
        await season2024.PutFrameworkAsync();
        await season2024.PlayAsync();
        var after = Communes(merged);
        var season2025 = new Season(writers, server.Tokens, NewProvince, 2025, after, seed: 2025);
        await season2025.PutFrameworkAsync();
        await season2025.PlayAsync();

        var client = server.ClientAs(TestTokens.ProvinceAdmin(NewProvince));
        var response = await client.Ranking.CompareYearsAsync(new CompareYearsRequest { ScopeCode = NewProvince, YearA = 2024, YearB = 2025 }).ResponseAsync;

        var standings2024 = new ScopeStandings(season2024.Framework, season2024.Period, before.Select(season2024.Result));
        var byCode = merged.Units.Where(u => u.Level == UnitLevel.Commune).ToDictionary(u => u.Code);
        Assert.Equal(byCode.Keys.Order(StringComparer.Ordinal), response.Units.Select(u => u.UnitCode).Order(StringComparer.Ordinal));
        var (filled, empty) = (0, 0);
        foreach (var row in response.Units)
        {
            var now = season2025.Result(after.Single(c => c.Code == row.UnitCode));
            Assert.Equal(OfficialFigure.Format(now.Index!.Value), row.Overall.IndexB);
            var predecessors = byCode[row.UnitCode].Predecessors;
            if (predecessors.All(p => provinceOf[p.Code] == Unscored))
            {
                empty++;
                Assert.Equal(("", 0), (row.Overall.IndexA, row.Overall.RankA));
                Assert.Contains($"Province {Unscored} has no framework for 2024.", row.MissingReason, StringComparison.Ordinal);
                continue;
            }

            // The basis: the first predecessor taken whole, in the listed order (a partial one only when none is whole).
            filled++;
            var basis = predecessors.OrderBy(p => p.Partial).First(p => provinceOf[p.Code] == Scored).Code;
            var was = standings2024.Overall.Find(basis)!;
            Assert.Equal("", row.MissingReason);
            Assert.Equal(basis, row.ComparedWithCodes[0]);
            Assert.Equal(predecessors.Select(p => p.Code).Order(StringComparer.Ordinal), row.ComparedWithCodes.Order(StringComparer.Ordinal));
            Assert.Equal((OfficialFigure.Format(was.Index), was.Rank.CompetitionRank), (row.Overall.IndexA, row.Overall.RankA));
        }

        // 24 of the 65 new communes come from Ninh Thuận, 41 from old Khánh Hòa (units-2025-07-01-merges.json).
        Assert.Equal((24, 41), (filled, empty));
    }

    private static List<Season.Commune> Communes(ImportUnitsRequest import) =>
        [.. import.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => new Season.Commune(u.Code, u.Name, u.ParentCode))];
}
