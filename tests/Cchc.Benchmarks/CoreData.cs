using System.Globalization;
using Cchc.Api.Import;
using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;
using Framework = Cchc.Core.Frameworks.Framework;
using Period = Cchc.Core.Period;
using UnitLevel = Cchc.Api.V1.UnitLevel;

namespace Cchc.Benchmarks;

/// <summary>
/// Inputs shared by the benchmarks: a 90-leaf framework of the usual shape (8 fields of 2 criteria × 5 items,
/// plus a survey field of 10 items), a card scoring every item, and the real communes of ../shared/data with
/// repeatable two-decimal indices (real names matter: ties are ordered by Vietnamese collation).
/// </summary>
internal static class CoreData
{
    public static readonly Period Year = Period.Annual(2024);

    private static readonly ScoringMethod[] Methods =
        [new ManualPoints(), new RatioMethod(), new YesNoMethod(), new CountTargetMethod(5), new DeductionPerFaultMethod(0.25m), new RatioMethod(0.7m)];

    public static Framework NewFramework()
    {
        var fields = new List<FrameworkNode>();
        for (var f = 1; f <= 8; f++)
        {
            var criteria = Enumerable.Range(1, 2).Select(c => FrameworkNode.Group($"{f}.{c}", $"Tiêu chí {f}.{c}", 5m,
                [.. Enumerable.Range(1, 5).Select(i => FrameworkNode.Leaf($"{f}.{c}.{i}", $"Tiêu chí thành phần {f}.{c}.{i}", 1m, Methods[(f + c + i) % Methods.Length]))]));
            fields.Add(FrameworkNode.Group($"{f}", $"Lĩnh vực {f}", 10m, [.. criteria]));
        }

        fields.Add(FrameworkNode.SurveyGroup("9", "Điều tra xã hội học", 20m,
            [.. Enumerable.Range(1, 10).Select(i => FrameworkNode.Leaf($"9.{i}", $"Mức độ hài lòng {i}", 2m, new ManualPoints()))]));
        return Cchc.Core.Frameworks.Framework.Create(new FrameworkDefinition("Bộ chỉ số đo hiệu năng", 2024, [PeriodKind.Year], fields, ClassBand.Common));
    }

    /// <summary>Every item self-assessed from its statistic, every third re-scored by the council, the survey entered.</summary>
    public static Scorecard Card(Framework framework)
    {
        var random = new Random(5);
        var items = new Dictionary<string, ItemEntry>(StringComparer.Ordinal);
        var n = 0;
        foreach (var leaf in framework.Leaves)
        {
            if (framework.IsSurveyBased(leaf.Code))
            {
                items[leaf.Code] = new ItemEntry { SurveyPoints = 1.5m };
                continue;
            }

            ScoreInput self = leaf.Method switch
            {
                RatioMethod => new Cchc.Core.Scoring.RatioInput(random.Next(300, 637), 637),
                YesNoMethod => new YesNoInput(random.Next(2) == 0),
                CountTargetMethod => new CountInput(random.Next(0, 6)),
                DeductionPerFaultMethod => new FaultsInput(random.Next(0, 3)),
                _ => new PointsInput(random.Next(0, 5) / 4m),
            };
            items[leaf.Code] = new ItemEntry
            {
                Self = self,
                Appraisal1 = n++ % 3 == 0 ? new PointsInput(0.5m) : null,
                CouncilComment = n % 3 == 1 ? "Tài liệu kiểm chứng chưa đầy đủ." : null,
            };
        }

        return new Scorecard("14755", "Xã Hoằng Đạt", Year, items);
    }

    /// <summary>Every commune of the national list (10,047), each with an index from 40.00 to 99.99.</summary>
    public static RankCandidate[] NationalCandidates(string? province = null)
    {
        var units = NationalUnitsFile.ReadAsync(UnitsFile()).GetAwaiter().GetResult();
        var random = new Random(11);
        return
        [
            .. units.Where(p => province is null || p.ProvinceCode == province)
                .SelectMany(p => p.Units.Where(u => u.Level == UnitLevel.Commune))
                .Select(u => new RankCandidate(u.Code, u.Name, random.Next(4000, 10_000) / 100m)),
        ];
    }

    private static string UnitsFile()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "shared", "data", "units-2025-03-01.json");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException(string.Create(CultureInfo.InvariantCulture, $"No shared/data/units-2025-03-01.json above {AppContext.BaseDirectory}; the benchmarks rank the real communes."));
    }
}
