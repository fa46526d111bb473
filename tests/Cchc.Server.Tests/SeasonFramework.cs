using System.Globalization;
using Cchc.Api.V1;
using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;
using CoreNode = Cchc.Core.Frameworks.FrameworkNode;
using CorePeriodKind = Cchc.Core.PeriodKind;

namespace Cchc.Server.Tests;

/// <summary>
/// A 23-leaf framework with every method kind (manual, ratio with and without threshold, count against a target,
/// deduction per fault, yes/no, bonus, penalty, a survey field), written once and turned into both the API's form
/// (what the test sends) and the core's definition (what the test computes the expected figures with).
/// </summary>
internal static class SeasonFramework
{
    public static readonly Spec[] Fields =
    [
        new("1", "Công tác chỉ đạo, điều hành", 10, null, false,
        [
            new("1.1", "Ban hành kế hoạch cải cách hành chính năm", 3, "manual"),
            new("1.2", "Báo cáo định kỳ đúng hạn", 2, "yes-no"),
            new("1.3", "Thực hiện nhiệm vụ được giao", 3, "deduction", Parameter: 0.5m),
            new("1.4", "Tổ chức đối thoại của lãnh đạo với người dân", 2, "count", Parameter: 5),
            new("1.5", "Sáng kiến cải cách hành chính (điểm thưởng)", 1, "bonus", Parameter: 0.5m),
            new("1.6", "Vi phạm kỷ luật hành chính (điểm trừ)", 2, "penalty"),
        ]),
        new("2", "Cải cách thủ tục hành chính", 20, null, false,
        [
            new("2.1", "Thực hiện cơ chế một cửa, một cửa liên thông", 12, null, false,
            [
                new("2.1.1", "Tỷ lệ hồ sơ luân chuyển điện tử", 4, "ratio", Parameter: 0.7m),
                new("2.1.2", "Tỷ lệ hồ sơ giải quyết đúng hạn", 4, "ratio-full"),
                new("2.1.3", "Niêm yết công khai thủ tục hành chính", 4, "manual"),
            ]),
            new("2.2", "Rà soát, đơn giản hóa thủ tục", 4, "count", Parameter: 4),
            new("2.3", "Tiếp nhận, xử lý phản ánh, kiến nghị", 4, "manual"),
        ]),
        new("3", "Tổ chức bộ máy", 15, null, false,
        [
            new("3.1", "Sắp xếp tổ chức bộ máy", 5, "manual"),
            new("3.2", "Ban hành quy chế làm việc", 5, "yes-no"),
            new("3.3", "Thực hiện quy định về phân cấp", 5, "deduction", Parameter: 1m),
        ]),
        new("4", "Chế độ công vụ", 15, null, false,
        [
            new("4.1", "Bố trí công chức theo vị trí việc làm", 5, "manual"),
            new("4.2", "Tỷ lệ công chức đạt chuẩn", 5, "ratio"),
            new("4.3", "Đào tạo, bồi dưỡng công chức", 5, "count", Parameter: 10),
        ]),
        new("5", "Chính quyền điện tử, chính quyền số", 20, null, false,
        [
            new("5.1", "Tỷ lệ hồ sơ trực tuyến", 5, "ratio"),
            new("5.2", "Tỷ lệ văn bản ký số", 5, "ratio", Parameter: 0.5m),
            new("5.3", "Cập nhật cổng thông tin điện tử", 5, "manual"),
            new("5.4", "Kết nối hệ thống quản lý văn bản", 5, "yes-no"),
        ]),
        new("6", "Sự hài lòng của người dân, tổ chức", 20, null, true,
        [
            new("6.1", "Mức độ hài lòng về thủ tục hành chính", 10, "manual"),
            new("6.2", "Mức độ hài lòng về công chức", 10, "manual"),
        ]),
    ];

    public static IEnumerable<Spec> Leaves(IEnumerable<Spec>? specs = null) =>
        (specs ?? Fields).SelectMany(s => s.Children is null ? [s] : Leaves(s.Children));

    public static bool IsSurvey(string code) => code.StartsWith("6.", StringComparison.Ordinal);

    public static PutFrameworkRequest ToRequest(string province, int year)
    {
        var framework = new Api.V1.Framework { Title = $"Bộ chỉ số CCHC cấp xã tỉnh {province} năm {year}", TotalPoints = "100" };
        framework.Fields.Add(Fields.Select(ToApi));
        return new PutFrameworkRequest { ProvinceCode = province, Year = year, Framework = framework };
    }

    public static Cchc.Core.Frameworks.Framework ToCore(string province, int year) =>
        Cchc.Core.Frameworks.Framework.Create(new FrameworkDefinition(
            $"Bộ chỉ số CCHC cấp xã tỉnh {province} năm {year}", year, [CorePeriodKind.Year], [.. Fields.Select(ToCore)], Core.Frameworks.ClassBand.Common, 100m));

    private static Api.V1.FrameworkNode ToApi(Spec spec)
    {
        var node = new Api.V1.FrameworkNode
        {
            Code = spec.Code,
            Name = spec.Name,
            MaxPoints = spec.Max.ToString(CultureInfo.InvariantCulture),
            SurveyBased = spec.Survey,
        };
        if (spec.Children is { } children)
        {
            node.Children.Add(children.Select(ToApi));
            return node;
        }

        var p = spec.Parameter?.ToString(CultureInfo.InvariantCulture) ?? "";
        node.Method = spec.Kind switch
        {
            "manual" => new LeafMethod { Manual = new ManualMethod() },
            "yes-no" => new LeafMethod { YesNo = new Api.V1.YesNoMethod() },
            "deduction" => new LeafMethod { Deduction = new DeductionMethod { PointsPerFault = p } },
            "count" => new LeafMethod { CountTarget = new Api.V1.CountTargetMethod { Target = (int)spec.Parameter!.Value } },
            "bonus" => new LeafMethod { Bonus = new CappedMethod { PointsPerCount = p } },
            "penalty" => new LeafMethod { Penalty = new CappedMethod() },
            "ratio" => new LeafMethod { Ratio = new Api.V1.RatioMethod { Threshold = p } },
            "ratio-full" => new LeafMethod { Ratio = new Api.V1.RatioMethod { FullPointsWhenNoDenominator = true } },
            _ => throw new InvalidOperationException(spec.Kind),
        };
        return node;
    }

    private static CoreNode ToCore(Spec spec)
    {
        if (spec.Children is { } children)
        {
            return new CoreNode(spec.Code, spec.Name, spec.Max, null, spec.Survey, [.. children.Select(ToCore)]);
        }

        ScoringMethod method = spec.Kind switch
        {
            "manual" => new ManualPoints(),
            "yes-no" => new Core.Scoring.YesNoMethod(),
            "deduction" => new DeductionPerFaultMethod(spec.Parameter!.Value),
            "count" => new Core.Scoring.CountTargetMethod(spec.Parameter!.Value),
            "bonus" => new BonusMethod(spec.Parameter),
            "penalty" => new PenaltyMethod(),
            "ratio" => new Core.Scoring.RatioMethod(spec.Parameter),
            "ratio-full" => new Core.Scoring.RatioMethod(null, ZeroDenominator.FullPoints),
            _ => throw new InvalidOperationException(spec.Kind),
        };
        return new CoreNode(spec.Code, spec.Name, spec.Max, method, spec.Survey);
    }

    internal sealed record Spec(string Code, string Name, decimal Max, string? Kind, bool Survey = false, Spec[]? Children = null, decimal? Parameter = null);
}
