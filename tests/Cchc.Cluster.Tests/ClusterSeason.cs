using System.Globalization;
using Cchc.Api.Import;
using Cchc.Api.V1;
using Cchc.Testing;
using Google.Protobuf;

namespace Cchc.Cluster.Tests;

/// <summary>
/// The appraisal season the cluster tests play: real provinces from ../shared/data (units-2025-03-01.json, read at run
/// time), each issuing the real Hải Dương 2022 commune framework (deploy/samples) for 2024, and councils re-scoring
/// its manual items in appraisal round 1.
/// </summary>
internal static class ClusterSeason
{
    public const int Year = 2024;

    private static readonly Lazy<Task<IReadOnlyList<ImportUnitsRequest>>> NationalUnits =
        new(() => NationalUnitsFile.ReadAsync(RepositoryFiles.SharedData("units-2025-03-01.json")));

    private static readonly Lazy<Framework> SampleFramework = new(() =>
        new JsonParser(JsonParser.Settings.Default).Parse<Framework>(File.ReadAllText(RepositoryFiles.InRepository("deploy/samples/framework-hai-duong-2022.json"))));

    public static Period Period => new() { Year = Year, Kind = PeriodKind.Year };

    /// <summary>The framework's leaves with manual points outside the survey fields (22 in the sample).</summary>
    public static IReadOnlyList<ManualLeaf> ManualLeaves { get; } = [.. Leaves(SampleFramework.Value.Fields, survey: false)];

    public static async Task<IReadOnlyList<SeasonProvince>> ProvincesAsync(params string[] codes)
    {
        var national = await NationalUnits.Value;
        return [.. codes.Select(code =>
        {
            var units = national.Single(p => p.ProvinceCode == code);
            return new SeasonProvince(code, units.Units.Single(u => u.Level == UnitLevel.Province).Name, units,
                [.. units.Units.Where(u => u.Level == UnitLevel.Commune).Select(u => u.Code)]);
        })];
    }

    /// <summary>Imports each province's units and puts its framework for <see cref="Year"/>, as its administrator.</summary>
    public static async Task SeedAsync(SiloClient client, ClusterTokens tokens, IEnumerable<SeasonProvince> provinces)
    {
        foreach (var province in provinces)
        {
            var admin = ClusterTokens.Admin(province.Code);
            var imported = await client.Registry.ImportUnitsAsync(province.Units, tokens.Call(admin, TimeSpan.FromSeconds(60)));
            Assert.Equal(province.Communes.Count, imported.CommuneCount);
            var framework = SampleFramework.Value.Clone();
            framework.Title = $"Bộ chỉ số cải cách hành chính cấp xã {province.Name} năm {Year} (theo mẫu Hải Dương 2022)";
            await client.Frameworks.PutFrameworkAsync(
                new PutFrameworkRequest { ProvinceCode = province.Code, Year = Year, Framework = framework },
                tokens.Call(admin, TimeSpan.FromSeconds(60)));
        }
    }

    private static IEnumerable<ManualLeaf> Leaves(IEnumerable<FrameworkNode> nodes, bool survey) =>
        nodes.SelectMany(node => node.Children.Count > 0
            ? Leaves(node.Children, survey || node.SurveyBased)
            : !survey && !node.SurveyBased && node.Method?.MethodCase == LeafMethod.MethodOneofCase.Manual
                ? [new ManualLeaf(node.Code, decimal.Parse(node.MaxPoints, CultureInfo.InvariantCulture))]
                : []);
}
