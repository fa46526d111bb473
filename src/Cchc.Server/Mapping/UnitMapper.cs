using System.Text;
using Cchc.Api.V1;
using Cchc.Grains.Units;
using GrainUnitLevel = Cchc.Grains.Units.UnitLevel;

namespace Cchc.Server.Mapping;

/// <summary>Units between the API and the registry grains. An import is checked whole before anything is stored.</summary>
internal static class UnitMapper
{
    /// <summary>Checks one province's import and turns it into an edition; every problem is listed at once.</summary>
    public static UnitEdition ToEdition(ImportUnitsRequest request, string field = "request")
    {
        ArgumentNullException.ThrowIfNull(request);
        var province = ApiArguments.ProvinceCode(request.ProvinceCode, field + ".province_code");
        CheckYears(request.FirstYear, request.LastYear, field);
        var problems = new List<string>();
        if (request.Units.Count == 0)
        {
            problems.Add($"{field}.units is empty; send the province, its districts (optional from 2025) and its communes.");
        }

        var districts = request.Units.Where(u => u.Level == Api.V1.UnitLevel.District).Select(u => u.Code).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var units = new List<UnitRecord>(request.Units.Count);
        for (var i = 0; i < request.Units.Count; i++)
        {
            var unit = request.Units[i];
            var at = $"{field}.units[{i}] ({unit.Code} {unit.Name})";
            var before = problems.Count;
            var level = Level(unit.Level, at, problems);
            if (level is { } l && !IsDigits(unit.Code, l switch { GrainUnitLevel.Province => 2, GrainUnitLevel.District => 3, _ => 5 }))
            {
                problems.Add($"{at}: the code '{unit.Code}' does not fit a {l.ToString().ToLowerInvariant()} (2 digits for a province, 3 for a district, 5 for a commune).");
            }

            if (!seen.Add(unit.Code))
            {
                problems.Add($"{at}: the code {unit.Code} appears more than once.");
            }

            if (string.IsNullOrWhiteSpace(unit.Name))
            {
                problems.Add($"{at}: the name is empty.");
            }

            var parentOk = level switch
            {
                GrainUnitLevel.Province => unit.Code == province && unit.ParentCode.Length == 0,
                GrainUnitLevel.District => unit.ParentCode == province,
                GrainUnitLevel.Commune => unit.ParentCode == province || districts.Contains(unit.ParentCode),
                _ => true,
            };
            if (!parentOk)
            {
                problems.Add(level == GrainUnitLevel.Province
                    ? $"{at}: a province unit must be province {province} itself, with no parent."
                    : $"{at}: the parent '{unit.ParentCode}' is neither province {province} nor one of the districts in this request.");
            }

            if (problems.Count == before && level is { } known)
            {
                units.Add(new UnitRecord(unit.Code, Nfc(unit.Name), known, Nfc(unit.Type), unit.ParentCode,
                    [.. unit.Predecessors.Select(p => new UnitPredecessor(p.Code, Nfc(p.Name), p.Partial))]));
            }
        }

        if (problems.Count > 0)
        {
            throw ApiArguments.Invalid(problems.Count == 1
                ? problems[0] + " Nothing was imported."
                : $"{problems.Count} problems; nothing was imported:\n- " + string.Join("\n- ", problems.Take(100)) +
                  (problems.Count > 100 ? $"\n- … and {problems.Count - 100} more." : ""));
        }

        return new UnitEdition(province, request.FirstYear, request.LastYear, units);
    }

    public static Unit ToApi(UnitRecord unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var result = new Unit
        {
            Code = unit.Code,
            Name = unit.Name,
            Level = unit.Level switch
            {
                GrainUnitLevel.Province => Api.V1.UnitLevel.Province,
                GrainUnitLevel.District => Api.V1.UnitLevel.District,
                _ => Api.V1.UnitLevel.Commune,
            },
            Type = unit.Type,
            ParentCode = unit.ParentCode,
        };
        result.Predecessors.Add(unit.Predecessors.Select(p => new Predecessor { Code = p.Code, Name = p.Name, Partial = p.Partial }));
        return result;
    }

    private static void CheckYears(int first, int last, string field)
    {
        if (first != 0)
        {
            ApiArguments.Year(first, field + ".first_year");
        }

        if (last != 0)
        {
            ApiArguments.Year(last, field + ".last_year");
        }

        if (first != 0 && last != 0 && last < first)
        {
            throw ApiArguments.Invalid($"{field}.last_year {last} is before first_year {first}.");
        }
    }

    private static GrainUnitLevel? Level(Api.V1.UnitLevel level, string at, List<string> problems)
    {
        switch (level)
        {
            case Api.V1.UnitLevel.Province:
                return GrainUnitLevel.Province;
            case Api.V1.UnitLevel.District:
                return GrainUnitLevel.District;
            case Api.V1.UnitLevel.Commune:
                return GrainUnitLevel.Commune;
            default:
                problems.Add($"{at}: the level is {(level == Api.V1.UnitLevel.Unspecified ? "missing" : $"unknown ({(int)level})")}; give PROVINCE, DISTRICT or COMMUNE.");
                return null;
        }
    }

    private static bool IsDigits(string code, int length) => code.Length == length && code.All(char.IsAsciiDigit);

    private static string Nfc(string text) => text.Normalize(NormalizationForm.FormC);
}
