using Cchc.Core.Scoring;
using Cchc.Grains.Scoring;

namespace Cchc.Grains.Tests;

/// <summary>Random but valid inputs for the test framework's leaves.</summary>
internal static class Scores
{
    public static IReadOnlyList<ItemSubmission> SelfAssessment(Random random) =>
    [
        new("1.1", new YesNoInput(random.Next(4) > 0)),
        new("1.2", new CountInput(random.Next(0, 7))),
        new("1.3", new FaultsInput(random.Next(0, 4), 4)),
        new("2.1", Ratio(random)),
        new("2.2", Ratio(random)),
        new("3.1", new PointsInput(random.Next(0, 2001) / 100m)),
    ];

    public static IReadOnlyList<ItemSubmission> Appraisal(Random random) =>
    [
        new("1.2", new CountInput(random.Next(0, 6)), Comment: "Chưa tổ chức đủ số cuộc đối thoại theo kế hoạch."),
        new("3.1", new PointsInput(random.Next(0, 2001) / 100m), Comment: "Tài liệu kiểm chứng chưa đầy đủ."),
    ];

    public static ItemSubmission Survey(Random random) => new("4.1", new PointsInput(random.Next(1000, 2001) / 100m));

    private static RatioInput Ratio(Random random)
    {
        var a = random.Next(1, 800);
        return new RatioInput(random.Next(0, a + 1), a);
    }
}
