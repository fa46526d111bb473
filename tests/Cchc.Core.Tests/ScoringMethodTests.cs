using Cchc.Core.Scoring;

namespace Cchc.Core.Tests;

public sealed class ScoringMethodTests
{
    public static TheoryData<string, ScoringMethod, decimal, ScoreInput, decimal?> RealCases => new()
    {
        // "Share of online public-service dossiers b/a = 408/637 = 0.64 → 0.64 of 1 point".
        { "408/637 online dossiers", new RatioMethod(), 1m, new RatioInput(408, 637), 0.64m },
        // "Share of online services with dossiers 11/16 = 0.69 → 0.69 of 1 point".
        { "11/16 services with dossiers", new RatioMethod(), 1m, new RatioInput(11, 16), 0.69m },
        // "dossiers moved electronically b/a = 164/739 = 0.22 < 0.7, so 0 points".
        { "164/739 under a 0.7 threshold", new RatioMethod(Threshold: 0.7m), 1m, new RatioInput(164, 739), 0m },
        { "at the threshold scores", new RatioMethod(Threshold: 0.7m), 1m, new RatioInput(7, 10), 0.7m },
        { "0.6995 is below 0.7", new RatioMethod(Threshold: 0.7m), 1m, new RatioInput(6995, 10000), 0m },
        { "a = 0 not applicable", new RatioMethod(), 1m, new RatioInput(0, 0), null },
        { "a = 0 full points", new RatioMethod(WhenZero: ZeroDenominator.FullPoints), 2m, new RatioInput(0, 0), 2m },
        { "ratio times a 2-point max", new RatioMethod(), 2m, new RatioInput(1, 3), 0.67m },
        // "2 dialogues held of the 5 expected → 0.4 of 1 point".
        { "2 of 5 dialogues", new CountTargetMethod(5), 1m, new CountInput(2), 0.4m },
        { "more than the target is capped", new CountTargetMethod(5), 1m, new CountInput(7), 1m },
        // "4 tasks assigned, 1 finished late → 2.5 of 3 points".
        { "1 late task of 4", new DeductionPerFaultMethod(0.5m), 3m, new FaultsInput(1, OutOf: 4), 2.5m },
        { "faults floor at 0", new DeductionPerFaultMethod(0.5m), 3m, new FaultsInput(9), 0m },
        { "plan issued", new YesNoMethod(), 2m, new YesNoInput(true), 2m },
        { "plan not issued", new YesNoMethod(), 2m, new YesNoInput(false), 0m },
        { "manual 1.4 of 2", new ManualPoints(), 2m, new PointsInput(1.4m), 1.4m },
        { "direct points on a ratio item", new RatioMethod(), 1m, new PointsInput(0.5m), 0.5m },
        { "bonus per count", new BonusMethod(PointsPerCount: 0.5m), 2m, new CountInput(3), 1.5m },
        { "bonus capped", new BonusMethod(PointsPerCount: 0.5m), 2m, new CountInput(9), 2m },
        { "penalty capped", new PenaltyMethod(PointsPerCount: 1m), 3m, new CountInput(5), 3m },
    };

    [Theory]
    [MemberData(nameof(RealCases))]
    public void Scores_the_cases_of_the_commune_reports(string because, ScoringMethod method, decimal max, ScoreInput input, decimal? expected)
    {
        var score = method.Score("7.1.1", max, input);

        Assert.True(expected == score.Points, $"{because}: expected {expected}, got {score}");
        Assert.Equal(expected.HasValue, score.IsApplicable);
    }

    public static TheoryData<ScoringMethod, decimal, ScoreInput, string> InvalidInputs => new()
    {
        { new ManualPoints(), 2m, new PointsInput(2.5m), "2.5" },
        { new ManualPoints(), 2m, new PointsInput(-1m), "-1" },
        { new ManualPoints(), 2m, new PointsInput(1.255m), "1.255" },
        { new ManualPoints(), 2m, new CountInput(1), "count = 1" },
        { new RatioMethod(), 1m, new RatioInput(740, 739), "740/739" },
        { new RatioMethod(), 1m, new RatioInput(-1, 5), "-1/5" },
        { new RatioMethod(), 1m, new RatioInput(1, -5), "1/-5" },
        { new RatioMethod(), 1m, new YesNoInput(true), "yes" },
        { new CountTargetMethod(5), 1m, new CountInput(-2), "-2" },
        { new CountTargetMethod(5), 1m, new RatioInput(2, 5), "2/5" },
        { new DeductionPerFaultMethod(0.5m), 3m, new FaultsInput(-1), "-1 faults" },
        { new DeductionPerFaultMethod(0.5m), 3m, new FaultsInput(5, OutOf: 4), "5 faults of 4" },
        { new YesNoMethod(), 2m, new CountInput(1), "count = 1" },
        { new BonusMethod(), 2m, new PointsInput(2.5m), "2.5" },
        { new BonusMethod(), 2m, new CountInput(1), "count = 1" },
        { new BonusMethod(0.5m), 2m, new CountInput(-1), "-1" },
        { new PenaltyMethod(), 3m, new PointsInput(-0.5m), "-0.5" },
    };

    [Theory]
    [MemberData(nameof(InvalidInputs))]
    public void Rejects_invalid_inputs_naming_the_item_and_the_value(ScoringMethod method, decimal max, ScoreInput input, string value)
    {
        var error = Assert.Throws<ScoreInputException>(() => method.Score("3.12.2", max, input));

        Assert.Contains("Item 3.12.2", error.Message, StringComparison.Ordinal);
        Assert.Contains(value, error.Message, StringComparison.Ordinal);
        Assert.Equal("3.12.2", error.ItemCode);
    }

    [Fact]
    public void Ratio_points_are_rounded_at_the_item_as_the_report_shows_them()
    {
        // 408/637 = 0.64050...: the appraisal table prints 0.64 and the card adds 0.64, not 0.6405.
        var points = new RatioMethod().Score("7.1.1", 1m, new RatioInput(408, 637)).Points;

        Assert.Equal(0.64m, points);
        Assert.True(OfficialFigure.IsOfficial(points!.Value));
    }
}
