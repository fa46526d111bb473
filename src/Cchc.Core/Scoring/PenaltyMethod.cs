namespace Cchc.Core.Scoring;

/// <summary>
/// Điểm trừ: points up to the leaf's maximum, which is the yearly cap, subtracted outside the 100-point total.
/// With <see cref="PointsPerCount"/> a count is accepted too (e.g. 0.5 per violation), capped at the maximum.
/// </summary>
public sealed record PenaltyMethod(decimal? PointsPerCount = null) : ScoringMethod
{
    public override string Description => "penalty points";

    public override ItemRole Role => ItemRole.Penalty;

    public override IEnumerable<string> ParameterProblems(decimal max) => CappedCount.Problems(PointsPerCount);

    private protected override LeafScore ScoreStatistic(string itemCode, decimal max, ScoreInput input) =>
        input is CountInput count && PointsPerCount is { } per
            ? CappedCount.Score(itemCode, max, count, per)
            : throw WrongInput(itemCode, input, PointsPerCount is null ? null : "a count");
}
