using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.Core;
using ScopeStandings = Cchc.Core.Comparison.ScopeStandings;

namespace Cchc.Server.Tests;

/// <summary>
/// CompareYears across the July 2025 merger through the real server, on real units of the merge data. A 2025
/// commune's 2024 figure is formed from its predecessors with a 2024 result: the mean of its full ones, its partial
/// ones only when no full one has a result; its 2024 rank is its place among the formed figures of the new province.
/// </summary>
public sealed class MergerComparisonTests(MergerComparisonTests.Server fixture) : IClassFixture<MergerComparisonTests.Server>
{
    /// <summary>
    /// Quảng Ninh (22) kept its code; scores on a two-item framework (index = a + b) for eight old communes in 2024 and
    /// five new ones in 2025, so every expected figure below is arithmetic on those inputs.
    /// </summary>
    [Fact]
    public async Task Quang_Ninh_communes_are_formed_from_full_predecessors_or_else_partial_ones_and_ranked_among_the_formed()
    {
        const string province = "22";
        var old = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == province);
        var merged = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-07-01-merges.json"))).Single(p => p.ProvinceCode == province);
        var admin = fixture.Running.ClientAs(TestTokens.ProvinceAdmin(province));
        await admin.Registry.ImportUnitsAsync(old).ResponseAsync;
        await admin.Registry.ImportUnitsAsync(merged).ResponseAsync;
        await admin.Frameworks.PutFrameworkAsync(TwoItemFramework.Request(province, 2024)).ResponseAsync;
        await admin.Frameworks.PutFrameworkAsync(TwoItemFramework.Request(province, 2025)).ResponseAsync;

        // 2024, old communes (item 1.1 of 40, item 2.1 of 60).
        await SubmitAsync(province, 2024, "06655", 40, 60);   // Phường Hà Khẩu 100.00: partial in 06661 and 06706
        await SubmitAsync(province, 2024, "06661", 36, 50);   // Phường Giếng Đáy 86.00: full in 06661
        await SubmitAsync(province, 2024, "06703", 30, 41);   // Phường Việt Hưng 71.00: full in 06661
        await SubmitAsync(province, 2024, "06667", 35, 50);   // Phường Hà Trung 85.00: full in 06676
        await SubmitAsync(province, 2024, "06670", 30, 40);   // Phường Hà Lầm 70.00: full in 06676
        await SubmitAsync(province, 2024, "06676", 26, 45);   // Phường Cao Thắng 71.00: full in 06676
        await SubmitAsync(province, 2024, "06799", 32, 45);   // Xã Hải Hòa 77.00: partial in 06799 and 06886
        await SubmitAsync(province, 2024, "06886", 20, 33);   // Xã Hải Lạng 53.00: partial in 06799, 06886 and 06970
        // 2025, new communes.
        await SubmitAsync(province, 2025, "06661", 40, 55);   // Phường Việt Hưng 95.00, 1st
        await SubmitAsync(province, 2025, "06676", 38, 50);   // Phường Hà Lầm 88.00, 2nd
        await SubmitAsync(province, 2025, "06799", 30, 50);   // Xã Hải Hòa 80.00, 3rd
        await SubmitAsync(province, 2025, "06706", 25, 45);   // Phường Tuần Châu 70.00, 4th
        await SubmitAsync(province, 2025, "06886", 20, 40);   // Xã Hải Lạng 60.00, 5th
        await TwoItemFramework.WaitForRankedAsync(admin, province, Rpc.Year(2024), 8);
        await TwoItemFramework.WaitForRankedAsync(admin, province, Rpc.Year(2025), 5);

        var response = await admin.Ranking.CompareYearsAsync(new CompareYearsRequest { ScopeCode = province, YearA = 2024, YearB = 2025 }).ResponseAsync;
        var rows = response.Units.ToDictionary(u => u.UnitCode);
        Assert.Equal(merged.Units.Count(u => u.Level == UnitLevel.Commune), rows.Count);

        // Formed 2024 figures; six new communes have one, so ranks are out of 6.
        var vietHung = (86.00m + 71.00m) / 2;               // full Giếng Đáy and Việt Hưng; partial Hà Khẩu (100.00) left out
        var haLam = Round((85.00m + 70.00m + 71.00m) / 3); // three full: 226 / 3 = 75.333…
        var tuanChau = 100.00m;                             // its full Tuần Châu and Đại Yên have no 2024 result: partial Hà Khẩu alone
        var haiHoa = (77.00m + 53.00m) / 2;                 // only partial predecessors
        var haiLang = (77.00m + 53.00m) / 2;                // partials Hải Hòa and Hải Lạng; full Đồng Rui has no result
        var baChe = 53.00m;                                 // partial Hải Lạng; its four full ones have no result
        AssertOverall(rows["06661"], vietHung, "Khá", 2, 95.00m, 1, "tăng 1 bậc");
        AssertOverall(rows["06676"], haLam, "Khá", 3, 88.00m, 2, "tăng 1 bậc");
        AssertOverall(rows["06706"], tuanChau, "Xuất sắc", 1, 70.00m, 4, "giảm 3 bậc");
        AssertOverall(rows["06799"], haiHoa, "Trung bình", 4, 80.00m, 3, "tăng 1 bậc");
        AssertOverall(rows["06886"], haiLang, "Trung bình", 4, 60.00m, 5, "giảm 1 bậc");
        Assert.Equal((Figure(baChe), 6, 6, 0), (rows["06970"].Overall.IndexA, rows["06970"].Overall.RankA, rows["06970"].Overall.UnitCountA, rows["06970"].Overall.RankB));
        Assert.Equal(75.33m, haLam);
        Assert.Equal(6, rows.Values.Count(r => r.Overall.IndexA.Length > 0));

        // Fields, formed the same way: field 1 is a / 40, field 2 b / 60.
        var field2 = rows["06661"].Fields.Single(f => f.FieldCode == "2");
        Assert.Equal(Figure((83.33m + 68.33m) / 2), field2.IndexA); // the predecessors' published 50/60 = 83.33 and 41/60 = 68.33
        // Formed field 2: 100.00 (06706), 75.83, 75.00 (06676: (83.33 + 66.67 + 75.00) / 3), 65.00, 65.00, 55.00;
        // in 2025: 91.67 (55/60), 83.33, 83.33, 75.00, 66.67.
        Assert.Equal((2, 6, 1, 5), (field2.RankA, field2.UnitCountA, field2.RankB, field2.UnitCountB));
        Assert.Equal("tăng 1 bậc", field2.Phrase);
        var field1 = rows["06676"].Fields.Single(f => f.FieldCode == "1");
        Assert.Equal(Figure(Round((87.50m + 75.00m + 65.00m) / 3)), field1.IndexA); // 35/40, 30/40, 26/40: 227.5 / 3 = 75.83
        Assert.Equal("95.00", field1.IndexB); // 38/40

        // Every predecessor is listed with its own 2024 figures and its rank in old Quảng Ninh (8 ranked).
        var predecessors = rows["06661"].Predecessors.ToDictionary(p => p.Code);
        Assert.Equal(["06655", "06661", "06703"], rows["06661"].Predecessors.Select(p => p.Code));
        Assert.Equal((true, false, "100.00", "Xuất sắc", 1, 8), Of(predecessors["06655"]));
        Assert.Equal((false, true, "86.00", "Tốt", 2, 8), Of(predecessors["06661"]));
        Assert.Equal((false, true, "71.00", "Khá", 5, 8), Of(predecessors["06703"])); // after 100, 86, 85, 77
        Assert.Equal(["06661", "06703", "06655"], rows["06661"].ComparedWithCodes); // contributors first
        Assert.Equal([true, true, false], rows["06886"].Predecessors.Select(p => p.Contributed)); // partials 06799 and 06886 yes, full 06892 no figures
        Assert.Equal(("", 0), (rows["06886"].Predecessors[2].Index, rows["06886"].Predecessors[2].Rank));

        // One commune asked for alone has the same place among the formed figures of the province.
        var one = await admin.Ranking.CompareYearsAsync(new CompareYearsRequest { ScopeCode = province, UnitCode = "06676", YearA = 2024, YearB = 2025 }).ResponseAsync;
        Assert.Equal(rows["06676"], Assert.Single(one.Units));
    }

    /// <summary>
    /// Khánh Hòa (56) of 2025 was formed from old Khánh Hòa (56) and Ninh Thuận (58). Ninh Thuận played a whole 2024
    /// season, old Khánh Hòa had no 2024 framework: each new commune formed from Ninh Thuận communes gets its formed
    /// figure; each formed from old Khánh Hòa ones comes back with 2025 figures, no 2024 figures, and the reason.
    /// </summary>
    [Fact]
    public async Task Khanh_Hoa_communes_are_formed_from_their_Ninh_Thuan_predecessors_and_those_without_figures_say_why()
    {
        const string newProvince = "56";
        const string scored = "58";
        const string unscored = "56";
        var old = await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"));
        var merged = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-07-01-merges.json"))).Single(p => p.ProvinceCode == newProvince);
        var provinceOf = old.SelectMany(p => p.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => (u.Code, p.ProvinceCode))).ToDictionary(x => x.Code, x => x.ProvinceCode);

        var server = fixture.Running;
        var writers = server.Anonymous();
        foreach (var import in old.Where(p => p.ProvinceCode is scored or unscored).Append(merged))
        {
            await server.ClientAs(TestTokens.ProvinceAdmin(import.ProvinceCode)).Registry.ImportUnitsAsync(import).ResponseAsync;
        }

        var before = Communes(old.Single(p => p.ProvinceCode == scored));
        var season2024 = new Season(writers, server.Tokens, scored, 2024, before, seed: 58);
        await season2024.PutFrameworkAsync();
        await season2024.PlayAsync();
        var after = Communes(merged);
        var season2025 = new Season(writers, server.Tokens, newProvince, 2025, after, seed: 2025);
        await season2025.PutFrameworkAsync();
        await season2025.PlayAsync();

        var client = server.ClientAs(TestTokens.ProvinceAdmin(newProvince));
        await TwoItemFramework.WaitForRankedAsync(server.ClientAs(TestTokens.ProvinceAdmin(scored)), scored, Rpc.Year(2024), before.Count);
        await TwoItemFramework.WaitForRankedAsync(client, newProvince, Rpc.Year(2025), after.Count);
        var response = await client.Ranking.CompareYearsAsync(new CompareYearsRequest { ScopeCode = newProvince, YearA = 2024, YearB = 2025 }).ResponseAsync;

        var standings2024 = new ScopeStandings(season2024.Framework, season2024.Period, before.Select(season2024.Result));
        var index2024 = before.ToDictionary(c => c.Code, c => standings2024.Overall.Find(c.Code)!.Index);
        var byCode = merged.Units.Where(u => u.Level == UnitLevel.Commune).ToDictionary(u => u.Code);

        // The formed 2024 figure of each new commune with a Ninh Thuận predecessor: every Ninh Thuận commune played the
        // season, so its full predecessors contribute when it has any there, else its partial ones.
        var formed = new Dictionary<string, decimal>(StringComparer.Ordinal);
        var contributors = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var unit in byCode.Values)
        {
            var withResult = unit.Predecessors.Where(p => index2024.ContainsKey(p.Code)).ToList();
            List<string> used = [.. (withResult.Any(p => !p.Partial) ? withResult.Where(p => !p.Partial) : withResult).Select(p => p.Code)];
            if (used.Count > 0)
            {
                contributors[unit.Code] = used;
                formed[unit.Code] = Round(used.Sum(c => index2024[c]) / used.Count);
            }
        }

        // Phường Đông Hải (22780): three full Ninh Thuận predecessors, and partial Đông Hải (22768), left out.
        Assert.Equal(Round((index2024["22771"] + index2024["22779"] + index2024["22780"]) / 3), formed["22780"]);
        // Xã Phước Dinh (22888): full An Hải (22888) and Phước Dinh (22903); the same partial Đông Hải left out.
        Assert.Equal(Round((index2024["22888"] + index2024["22903"]) / 2), formed["22888"]);

        Assert.Equal(byCode.Keys.Order(StringComparer.Ordinal), response.Units.Select(u => u.UnitCode).Order(StringComparer.Ordinal));
        var (filled, empty) = (0, 0);
        foreach (var row in response.Units)
        {
            var now = season2025.Result(after.Single(c => c.Code == row.UnitCode));
            Assert.Equal(OfficialFigure.Format(now.Index!.Value), row.Overall.IndexB);
            var predecessors = byCode[row.UnitCode].Predecessors;
            Assert.Equal(predecessors.Select(p => p.Code), row.Predecessors.Select(p => p.Code));
            if (predecessors.All(p => provinceOf[p.Code] == unscored))
            {
                empty++;
                Assert.Equal(("", 0, 0), (row.Overall.IndexA, row.Overall.RankA, row.Overall.UnitCountA));
                Assert.Contains($"Province {unscored} has no framework for 2024.", row.MissingReason, StringComparison.Ordinal);
                continue;
            }

            filled++;
            var mine = formed[row.UnitCode];
            var rankA = 1 + formed.Values.Count(v => v > mine);
            Assert.Equal("", row.MissingReason);
            Assert.Equal((OfficialFigure.Format(mine), rankA, formed.Count), (row.Overall.IndexA, row.Overall.RankA, row.Overall.UnitCountA));
            Assert.Equal(season2024.Framework.ClassOf(mine), row.Overall.ClassA);
            Assert.Equal(rankA - row.Overall.RankB, row.Overall.Places);
            Assert.Equal(contributors[row.UnitCode], row.Predecessors.Where(p => p.Contributed).Select(p => p.Code));
            Assert.Equal(contributors[row.UnitCode], row.ComparedWithCodes.Take(contributors[row.UnitCode].Count));
            foreach (var p in row.Predecessors)
            {
                var own = standings2024.Overall.Find(p.Code)!;
                Assert.Equal((OfficialFigure.Format(own.Index), own.Rank.CompetitionRank, before.Count), (p.Index, p.Rank, p.UnitCount));
            }
        }

        // 24 of the 65 new communes come from Ninh Thuận, 41 from old Khánh Hòa (units-2025-07-01-merges.json).
        Assert.Equal((24, 41), (filled, empty));
        Assert.Equal(24, formed.Count);
    }

    private static void AssertOverall(UnitComparison row, decimal indexA, string classA, int rankA, decimal indexB, int rankB, string phrase)
    {
        Assert.Equal("", row.MissingReason);
        Assert.Equal((Figure(indexA), classA, rankA, 6), (row.Overall.IndexA, row.Overall.ClassA, row.Overall.RankA, row.Overall.UnitCountA));
        Assert.Equal((Figure(indexB), rankB, 5), (row.Overall.IndexB, row.Overall.RankB, row.Overall.UnitCountB));
        Assert.Equal((rankA - rankB, phrase, RankingMapperSigned(indexB - indexA)), (row.Overall.Places, row.Overall.Phrase, row.Overall.IndexChange));
    }

    private static (bool Partial, bool Contributed, string Index, string Class, int Rank, int Of) Of(PredecessorComparison p) =>
        (p.Partial, p.Contributed, p.Index, p.ClassName, p.Rank, p.UnitCount);

    private static string Figure(decimal value) => OfficialFigure.Format(value);

    private static decimal Round(decimal value) => Math.Round(value, 2, MidpointRounding.AwayFromZero);

    private static string RankingMapperSigned(decimal change) => change > 0 ? "+" + Figure(change) : Figure(change);

    private Task SubmitAsync(string province, int year, string commune, decimal item11, decimal item21) =>
        fixture.Running.Anonymous().Scoring.SubmitScoresAsync(TwoItemFramework.SelfAssessment(commune, Rpc.Year(year), item11, item21),
            fixture.Running.Tokens.As(TestTokens.CommuneOfficer(province, commune))).ResponseAsync;

    private static List<Season.Commune> Communes(ImportUnitsRequest import) =>
        [.. import.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => new Season.Commune(u.Code, u.Name, u.ParentCode))];

    /// <summary>One server for both merger tests: they use different provinces.</summary>
    public sealed class Server : IAsyncLifetime
    {
        internal RunningServer Running { get; private set; } = null!;

        public async Task InitializeAsync() => Running = await RunningServer.StartAsync();

        public async Task DisposeAsync() => await Running.DisposeAsync();
    }
}
