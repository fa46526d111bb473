using System.Text;
using System.Text.Json;
using Cchc.Core.Units;
using Cchc.Grains.Units;

namespace Cchc.Grains.Tests;

/// <summary>Reads real units from ../shared/data (beside the repository) at run time.</summary>
internal static class SharedData
{
    public static string Directory
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "CchcGrpc.sln")))
            {
                dir = dir.Parent;
            }

            var data = dir?.Parent is { } parent ? Path.Combine(parent.FullName, "shared", "data") : null;
            return data is not null && System.IO.Directory.Exists(data)
                ? data
                : throw new InvalidOperationException("../shared/data is not beside the repository; the tests read real unit lists from it.");
        }
    }

    /// <summary>One province of the three-tier list of 1 March 2025, valid up to 2024.</summary>
    public static UnitEdition ThreeTierProvince(string provinceCode)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "units-2025-03-01.json")));
        var province = document.RootElement.GetProperty("data").EnumerateArray()
            .Single(p => p.GetProperty("level1_id").GetString() == provinceCode);
        var units = new List<UnitRecord> { Unit(province, "level1_id", UnitLevel.Province, "") };
        foreach (var district in province.GetProperty("level2s").EnumerateArray())
        {
            units.Add(Unit(district, "level2_id", UnitLevel.District, provinceCode));
            var districtCode = district.GetProperty("level2_id").GetString()!;
            units.AddRange(district.GetProperty("level3s").EnumerateArray().Select(c => Unit(c, "level3_id", UnitLevel.Commune, districtCode)));
        }

        return new UnitEdition(provinceCode, 0, UnitCodes.LastThreeTierYear, units);
    }

    /// <summary>One province of the two-tier list of 1 July 2025 (from 2025), each unit with the old units it was formed from.</summary>
    public static UnitEdition TwoTierProvince(string provinceCode)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(Directory, "units-2025-07-01-merges.json")));
        var province = document.RootElement.GetProperty("data").EnumerateArray()
            .Single(p => p.GetProperty("level1_id").GetString() == provinceCode);
        var units = new List<UnitRecord> { Merged(province, "level1_id", UnitLevel.Province, "") };
        units.AddRange(province.GetProperty("level2s").EnumerateArray().Select(c => Merged(c, "level2_id", UnitLevel.Commune, provinceCode)));
        return new UnitEdition(provinceCode, UnitCodes.LastThreeTierYear + 1, 0, units);
    }

    private static UnitRecord Unit(JsonElement e, string idProperty, UnitLevel level, string parent) =>
        new(e.GetProperty(idProperty).GetString()!, Nfc(e.GetProperty("name").GetString()!), level, e.GetProperty("type").GetString()!, parent, []);

    private static UnitRecord Merged(JsonElement e, string idProperty, UnitLevel level, string parent)
    {
        var name = Nfc(e.GetProperty("name").GetString()!);
        List<UnitPredecessor> predecessors =
        [
            .. e.GetProperty("merges").EnumerateArray().Select(m => new UnitPredecessor(m.GetProperty("old_id").GetString()!,
                Nfc(m.GetProperty("name").GetString()!), m.GetProperty("type").GetString() == "partial")),
        ];
        return new UnitRecord(e.GetProperty(idProperty).GetString()!, name, level, name.Split(' ')[0], parent, predecessors);
    }

    private static string Nfc(string text) => text.Normalize(NormalizationForm.FormC);
}
