using Cchc.Api.Import;
using Cchc.Api.V1;

namespace Cchc.Server.Tests;

/// <summary>
/// One server for the deadline tests, with Đà Nẵng's real units (48: 8 districts, 47 communes as of March 2025,
/// three tiers up to 2024) and the season framework for 2020 to 2024; each test works in its own year.
/// </summary>
public sealed class DeadlineFixture : IAsyncLifetime
{
    public const string Province = "48";

    internal RunningServer Server { get; private set; } = null!;

    internal ApiClient Admin { get; private set; } = null!;

    /// <summary>The communes as the shared data file lists them: code, name, district.</summary>
    internal IReadOnlyList<Season.Commune> Communes { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var import = (await NationalUnitsFile.ReadAsync(TestPaths.SharedData("units-2025-03-01.json"))).Single(p => p.ProvinceCode == Province);
        Communes = [.. import.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => new Season.Commune(u.Code, u.Name, u.ParentCode))];
        Server = await RunningServer.StartAsync();
        Admin = Server.ClientAs(TestTokens.ProvinceAdmin(Province));
        await Admin.Registry.ImportUnitsAsync(import).ResponseAsync;
        for (var year = 2020; year <= 2024; year++)
        {
            await Admin.Frameworks.PutFrameworkAsync(SeasonFramework.ToRequest(Province, year)).ResponseAsync;
        }
    }

    public async Task DisposeAsync() => await Server.DisposeAsync();

    /// <summary>Two districts with at least two communes each, by code.</summary>
    internal (string District, Season.Commune[] Communes) District(int index)
    {
        var group = Communes.GroupBy(c => c.District).Where(g => g.Count() >= 2).OrderBy(g => g.Key, StringComparer.Ordinal).ElementAt(index);
        return (group.Key, [.. group]);
    }
}
