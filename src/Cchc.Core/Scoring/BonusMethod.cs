namespace Cchc.Core.Scoring;

/// <summary>
/// Điểm thưởng: points up to the leaf's maximum, which is the yearly cap, added outside the 100-point total.
/// With <see cref="PointsPerCount"/> a count is accepted too (e.g. 0.5 per initiative), capped at the maximum.
/// </summary>
public sealed record BonusMethod(decimal? PointsPerCount = null) : ScoringMethod
{
    public override string Description => "bonus points";

    public override ItemRole Role => ItemRole.Bonus;

    public override IEnumerable<string> ParameterProblems(decimal max) => CappedCount.Problems(PointsPerCount);

    private protected override LeafScore ScoreStatistic(string itemCode, decimal max, ScoreInput input) =>
        input is CountInput count && PointsPerCount is { } per
            ? CappedCount.Score(itemCode, max, count, per)
            : throw WrongInput(itemCode, input, PointsPerCount is null ? null : "a count");
}
