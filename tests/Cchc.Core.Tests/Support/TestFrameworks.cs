using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;
using static Cchc.Core.Frameworks.FrameworkNode;

namespace Cchc.Core.Tests.Support;

/// <summary>
/// The two real commune frameworks of DOMAIN.md. Field maxima (and Hải Dương's items 1.1–1.7 and 7.1.1–7.2)
/// are the real ones; how a field splits further into leaves is made up where DOMAIN.md is silent, using the
/// scoring methods the seed reports describe.
/// </summary>
internal static class TestFrameworks
{
    public static readonly PeriodKind[] AllPeriods = [PeriodKind.Year, PeriodKind.HalfYear, PeriodKind.Quarter];

    public static FrameworkDefinition ThaiNguyen2021Definition() => new(
        "Thái Nguyên 2021",
        2021,
        AllPeriods,
        [
            Group("1", "Công tác chỉ đạo, điều hành", 10,
                Leaf("1.1", "Kế hoạch CCHC năm", 3, new YesNoMethod()),
                Leaf("1.2", "Báo cáo định kỳ", 3, new DeductionPerFaultMethod(0.5m)),
                Leaf("1.3", "Tuyên truyền CCHC", 4, new ManualPoints())),
            Leaf("2", "Xây dựng và tổ chức thực hiện pháp luật", 7, new ManualPoints()),
            Group("3", "Cải cách thủ tục hành chính", 20,
                Leaf("3.1", "Kiểm soát thủ tục hành chính", 3, new ManualPoints()),
                Group("3.2", "Một cửa, một cửa liên thông", 17,
                    Leaf("3.2.1", "Tỷ lệ hồ sơ trực tuyến", 1, new RatioMethod()),
                    Leaf("3.2.2", "Tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ", 1, new RatioMethod()),
                    Leaf("3.2.3", "Tỷ lệ hồ sơ luân chuyển điện tử", 1, new RatioMethod(Threshold: 0.7m)),
                    Leaf("3.2.4", "Giải quyết hồ sơ đúng hạn", 14, new ManualPoints()))),
            Group("4", "Xây dựng chính quyền cơ sở", 20,
                Leaf("4.1", "Hội đồng nhân dân", 4, new ManualPoints()),
                Leaf("4.2", "Ủy ban nhân dân", 8, new ManualPoints()),
                Leaf("4.3", "Thực hiện dân chủ ở cơ sở", 8, new ManualPoints())),
            Leaf("5", "Chế độ công vụ", 10, new ManualPoints()),
            Leaf("6", "Tài chính công", 5, new ManualPoints()),
            Leaf("7", "Chính quyền điện tử, chính quyền số", 12, new ManualPoints()),
            Leaf("8", "Thực hiện nhiệm vụ phát triển kinh tế - xã hội", 16, new ManualPoints()),
        ],
        ClassBand.Common);

    public static Framework ThaiNguyen2021() => Framework.Create(ThaiNguyen2021Definition());

    public static FrameworkDefinition HaiDuong2022Definition() => new(
        "Hải Dương 2022",
        2022,
        AllPeriods,
        [
            Group("1", "Công tác chỉ đạo, điều hành", 15,
                Leaf("1.1", "Kế hoạch CCHC năm", 2, new YesNoMethod()),
                Leaf("1.2", "Báo cáo định kỳ", 2, new DeductionPerFaultMethod(0.5m)),
                Leaf("1.3", "Kiểm tra CCHC", 2, new ManualPoints()),
                Leaf("1.4", "Tuyên truyền CCHC", 2.5m, new ManualPoints()),
                Leaf("1.5", "Sáng kiến, giải pháp mới", 2.5m, new ManualPoints()),
                Leaf("1.6", "Người đứng đầu đối thoại với Nhân dân", 1, new CountTargetMethod(5)),
                Leaf("1.7", "Thực hiện nhiệm vụ huyện giao", 3, new DeductionPerFaultMethod(0.5m))),
            Leaf("2", "Cải cách thể chế", 5, new ManualPoints()),
            Leaf("3", "Cải cách thủ tục hành chính", 18.5m, new ManualPoints()),
            Leaf("4", "Cải cách tổ chức bộ máy", 6, new ManualPoints()),
            Leaf("5", "Cải cách chế độ công vụ", 11, new ManualPoints()),
            Leaf("6", "Cải cách tài chính công", 7, new ManualPoints()),
            Group("7", "Xây dựng chính quyền điện tử, chính quyền số", 11.5m,
                Group("7.1", "Ứng dụng công nghệ thông tin", 10,
                    Leaf("7.1.1", "Tỷ lệ hồ sơ trực tuyến", 1, new RatioMethod()),
                    Leaf("7.1.2", "Tỷ lệ dịch vụ công trực tuyến phát sinh hồ sơ", 1, new RatioMethod()),
                    Leaf("7.1.3", "Tỷ lệ hồ sơ luân chuyển điện tử", 1, new RatioMethod(Threshold: 0.7m)),
                    Leaf("7.1.4", "Văn bản ký số", 2, new RatioMethod(WhenZero: ZeroDenominator.FullPoints)),
                    Leaf("7.1.5", "Hệ thống quản lý văn bản", 2, new YesNoMethod()),
                    Leaf("7.1.6", "Cổng thông tin điện tử", 1.5m, new ManualPoints()),
                    Leaf("7.1.7", "Số hóa kết quả giải quyết TTHC", 1.5m, new RatioMethod())),
                Leaf("7.2", "An toàn thông tin", 1.5m, new ManualPoints())),
            Leaf("8", "Tác động của CCHC đến phát triển kinh tế - xã hội", 2, new ManualPoints()),
            Leaf("9", "Đánh giá của tổ chức, cá nhân", 14, new ManualPoints(), surveyBased: true),
            Leaf("10", "Mức độ hài lòng của người dân", 10, new ManualPoints(), surveyBased: true),
        ],
        ClassBand.Common);

    public static Framework HaiDuong2022() => Framework.Create(HaiDuong2022Definition());

    /// <summary>Hải Dương 2022 with a bonus (cap 2, 0.5 per initiative) and a penalty (cap 3) outside the total.</summary>
    public static Framework HaiDuong2022WithBonusAndPenalty()
    {
        var definition = HaiDuong2022Definition();
        return Framework.Create(definition with
        {
            Fields =
            [
                .. definition.Fields,
                Leaf("11", "Điểm thưởng", 2, new BonusMethod(PointsPerCount: 0.5m)),
                Leaf("12", "Điểm trừ", 3, new PenaltyMethod()),
            ],
        });
    }

    /// <summary>A three-leaf framework worth 3 points, for rounding arithmetic that is easy to follow.</summary>
    public static Framework ThreeThirds() => Framework.Create(new FrameworkDefinition(
        "Ba phần",
        2024,
        AllPeriods,
        [
            Leaf("1", "Một", 1, new ManualPoints()),
            Leaf("2", "Hai", 1, new RatioMethod()),
            Leaf("3", "Ba", 1, new RatioMethod()),
        ],
        ClassBand.Common,
        DeclaredTotal: 3));
}
