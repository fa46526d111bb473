using System.Text;
using System.Text.Json;
using Cchc.Api.V1;

namespace Cchc.Api.Import;

/// <summary>
/// Reads the national unit lists (../shared/data) into import requests, one per province:
/// <c>units-2025-03-01.json</c> (three tiers: provinces, districts, communes) and
/// <c>units-2025-07-01-merges.json</c> (two tiers from 1 July 2025, each unit with the old units it was formed from).
/// Names are normalized to NFC so that they compare exactly.
/// </summary>
public static class NationalUnitsFile
{
    /// <summary>The last year the three-tier list is used for; the merged two-tier list applies from the next.</summary>
    public const int LastThreeTierYear = 2024;

    public static async Task<IReadOnlyList<ImportUnitsRequest>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        var data = document.RootElement.GetProperty("data");
        var provinces = new List<ImportUnitsRequest>();
        foreach (var province in data.EnumerateArray())
        {
            provinces.Add(province.TryGetProperty("merges", out _) ? ReadTwoTier(province) : ReadThreeTier(province));
        }

        return provinces;
    }

    private static ImportUnitsRequest ReadThreeTier(JsonElement province)
    {
        var code = province.GetProperty("level1_id").GetString()!;
        var request = new ImportUnitsRequest { ProvinceCode = code, FirstYear = 0, LastYear = LastThreeTierYear };
        request.Units.Add(Unit(code, province, UnitLevel.Province, parent: ""));
        foreach (var district in province.GetProperty("level2s").EnumerateArray())
        {
            var districtCode = district.GetProperty("level2_id").GetString()!;
            request.Units.Add(Unit(districtCode, district, UnitLevel.District, code));
            foreach (var commune in district.GetProperty("level3s").EnumerateArray())
            {
                request.Units.Add(Unit(commune.GetProperty("level3_id").GetString()!, commune, UnitLevel.Commune, districtCode));
            }
        }

        return request;
    }

    private static ImportUnitsRequest ReadTwoTier(JsonElement province)
    {
        var code = province.GetProperty("level1_id").GetString()!;
        var request = new ImportUnitsRequest { ProvinceCode = code, FirstYear = LastThreeTierYear + 1, LastYear = 0 };
        request.Units.Add(WithPredecessors(Unit(code, province, UnitLevel.Province, parent: ""), province));
        foreach (var commune in province.GetProperty("level2s").EnumerateArray())
        {
            var unit = Unit(commune.GetProperty("level2_id").GetString()!, commune, UnitLevel.Commune, code);
            request.Units.Add(WithPredecessors(unit, commune));
        }

        return request;
    }

    private static Unit Unit(string code, JsonElement element, UnitLevel level, string parent)
    {
        var name = Nfc(element.GetProperty("name").GetString()!);
        var type = element.TryGetProperty("type", out var t) ? Nfc(t.GetString()!) : TypeFromName(name);
        return new Unit { Code = code, Name = name, Level = level, Type = type, ParentCode = parent };
    }

    private static Unit WithPredecessors(Unit unit, JsonElement element)
    {
        foreach (var merge in element.GetProperty("merges").EnumerateArray())
        {
            unit.Predecessors.Add(new Predecessor
            {
                Code = merge.GetProperty("old_id").GetString()!,
                Name = Nfc(merge.GetProperty("name").GetString()!),
                Partial = merge.GetProperty("type").GetString() == "partial",
            });
        }

        return unit;
    }

    // The merged list has no type field; the official type is the name's first word(s).
    private static string TypeFromName(string name)
    {
        foreach (var prefix in (string[])["Thành phố", "Đặc khu", "Thị trấn", "Phường", "Tỉnh", "Xã"])
        {
            if (name.StartsWith(prefix + " ", StringComparison.Ordinal))
            {
                return prefix;
            }
        }

        return "";
    }

    private static string Nfc(string s) => s.Normalize(NormalizationForm.FormC);
}
