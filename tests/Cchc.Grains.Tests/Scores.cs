using Cchc.Grains.Scoring;

namespace Cchc.Grains.Tests;

/// <summary>Random but valid inputs for the test framework's leaves.</summary>
internal static class Scores
{
    public static IReadOnlyList<ItemSubmission> SelfAssessment(Random random) =>
    [
        new("1.1", ScoreValue.OfYesNo(random.Next(4) > 0)),
        new("1.2", ScoreValue.OfCount(random.Next(0, 7))),
        new("1.3", ScoreValue.OfFaults(random.Next(0, 4), 4)),
        new("2.1", Ratio(random)),
        new("2.2", Ratio(random)),
        new("3.1", ScoreValue.OfPoints(random.Next(0, 2001) / 100m)),
    ];

    public static ItemSubmission Points(string item, decimal points, string? comment = null) => new(item, ScoreValue.OfPoints(points), comment);

    public static ScoreSubmission Self(params ItemSubmission[] items) => new(ScoreStage.SelfAssessment, items, "ubnd-xa");

    private static ScoreValue Ratio(Random random)
    {
        var a = random.Next(1, 800);
        return ScoreValue.OfRatio(random.Next(0, a + 1), a);
    }
}
