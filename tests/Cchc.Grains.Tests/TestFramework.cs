using Cchc.Core;
using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;
using Cchc.Grains.Frameworks;

namespace Cchc.Grains.Tests;

/// <summary>A small framework modeled on Hải Dương 2022 (four fields, every method kind, one survey field), 100 points.</summary>
internal static class TestFramework
{
    public static FrameworkState For(int year, IReadOnlyList<ClassBand>? bands = null) => FrameworkStateMapper.ToState(Definition(year, bands));

    public static FrameworkDefinition Definition(int year, IReadOnlyList<ClassBand>? bands = null) => new(
        $"Bộ chỉ số CCHC cấp xã năm {year}",
        year,
        [PeriodKind.Year],
        [
            FrameworkNode.Group("1", "Công tác chỉ đạo, điều hành", 30m,
                FrameworkNode.Leaf("1.1", "Kế hoạch CCHC năm", 10m, new YesNoMethod()),
                FrameworkNode.Leaf("1.2", "Tổ chức đối thoại của lãnh đạo với người dân", 10m, new CountTargetMethod(5)),
                FrameworkNode.Leaf("1.3", "Thực hiện nhiệm vụ được giao", 10m, new DeductionPerFaultMethod(2.5m))),
            FrameworkNode.Group("2", "Cải cách thủ tục hành chính", 30m,
                FrameworkNode.Leaf("2.1", "Tỷ lệ hồ sơ trực tuyến", 15m, new RatioMethod()),
                FrameworkNode.Leaf("2.2", "Tỷ lệ hồ sơ luân chuyển điện tử", 15m, new RatioMethod(0.7m))),
            FrameworkNode.Group("3", "Chế độ công vụ", 20m,
                FrameworkNode.Leaf("3.1", "Kỷ luật, kỷ cương hành chính", 20m, new ManualPoints())),
            FrameworkNode.SurveyGroup("4", "Sự hài lòng của người dân", 20m,
                FrameworkNode.Leaf("4.1", "Chỉ số hài lòng", 20m, new ManualPoints())),
        ],
        bands ?? ClassBand.Common);
}
