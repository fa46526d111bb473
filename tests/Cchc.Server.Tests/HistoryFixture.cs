using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.Core.Comparison;

namespace Cchc.Server.Tests;

/// <summary>
/// Quảng Trị with real units from ../shared/data across the July 2025 merger: old Quảng Trị (45) scores 2022, 2023
/// and 2024 in Huyện Vĩnh Linh (464) and Huyện Gio Linh (466); new Quảng Trị (44) scores 2025 in the communes formed
/// from them, among them Xã Cửa Tùng (19414), formed wholly from Kim Thạch, Hiền Thành, Thị trấn Cửa Tùng and Vĩnh
/// Giang. What each season sent is kept as the core's scorecards, so the tests compute every rank with
/// <see cref="ScopeStandings"/>, independently of the ranking grains.
/// </summary>
public sealed class HistoryFixture : IAsyncLifetime
{
    public const string OldProvince = "45";
    public const string NewProvince = "44";
    public const string VinhLinh = "464";

    internal static readonly int[] OldYears = [2022, 2023, 2024];

    internal RunningServer Server { get; private set; } = null!;

    internal ApiClient Reader { get; private set; } = null!;

    internal Dictionary<int, Season> Seasons { get; } = [];

    internal List<Season.Commune> OldCommunes { get; private set; } = null!;

    internal List<Season.Commune> NewCommunes { get; private set; } = null!;

    /// <summary>Each new commune's predecessors as the merge file lists them.</summary>
    internal Dictionary<string, List<Api.V1.Predecessor>> Predecessors { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var old = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == OldProvince);
        var merged = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-07-01-merges.json"))).Single(p => p.ProvinceCode == NewProvince);
        OldCommunes = [.. old.Units.Where(u => u.Level == UnitLevel.Commune && u.ParentCode is VinhLinh or "466").Select(u => new Season.Commune(u.Code, u.Name, u.ParentCode))];
        var scored = OldCommunes.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        var formed = merged.Units.Where(u => u.Level == UnitLevel.Commune && u.Predecessors.Any(p => scored.Contains(p.Code))).ToList();
        NewCommunes = [.. formed.Select(u => new Season.Commune(u.Code, u.Name, u.ParentCode))];
        Predecessors = formed.ToDictionary(u => u.Code, u => u.Predecessors.ToList());

        Server = await RunningServer.StartAsync();
        Reader = Server.ClientAs(TestTokens.National);
        await Server.ClientAs(TestTokens.ProvinceAdmin(OldProvince)).Registry.ImportUnitsAsync(old).ResponseAsync;
        await Server.ClientAs(TestTokens.ProvinceAdmin(NewProvince)).Registry.ImportUnitsAsync(merged).ResponseAsync;
        var writers = Server.Anonymous();
        foreach (var year in OldYears)
        {
            Seasons[year] = new Season(writers, Server.Tokens, OldProvince, year, OldCommunes, seed: year);
        }

        Seasons[2025] = new Season(writers, Server.Tokens, NewProvince, 2025, NewCommunes, seed: 2025);
        foreach (var season in Seasons.Values)
        {
            await season.PutFrameworkAsync();
            await season.PlayAsync();
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>The standings of a scope (a province, or district 464 up to 2024) computed from what was sent.</summary>
    internal ScopeStandings Standings(int year, string? district = null)
    {
        var season = Seasons[year];
        var communes = year <= 2024 ? OldCommunes : NewCommunes;
        return new ScopeStandings(season.Framework, season.Period, communes.Where(c => district is null || c.District == district).Select(season.Result));
    }
}
