namespace Cchc.Core.Scoring;

/// <summary>
/// max × b/a, e.g. 408/637 → 0.64 of 1. Below <see cref="Threshold"/> the item scores 0 (164/739 = 0.22 &lt; 0.7 → 0).
/// The threshold is compared with the exact ratio (b &lt; threshold × a), not a rounded one: 0.6995 is below 0.7.
/// </summary>
public sealed record RatioMethod(decimal? Threshold = null, ZeroDenominator WhenZero = ZeroDenominator.NotApplicable) : ScoringMethod
{
    public override string Description => Threshold is { } t ? $"ratio b/a × max (0 below {Text(t)})" : "ratio b/a × max";

    public override IEnumerable<string> ParameterProblems(decimal max)
    {
        if (Threshold is { } t && (t < 0 || t > 1))
        {
            yield return $"the ratio threshold {Text(t)} must lie between 0 and 1";
        }
    }

    private protected override LeafScore ScoreStatistic(string itemCode, decimal max, ScoreInput input)
    {
        if (input is not RatioInput ratio)
        {
            throw WrongInput(itemCode, input, "a ratio b/a");
        }

        var (b, a) = (ratio.Numerator, ratio.Denominator);
        if (b < 0 || a < 0)
        {
            throw new ScoreInputException(itemCode, ratio.Describe(), $"Item {itemCode}: {ratio.Describe()} has a negative count.");
        }

        if (b > a)
        {
            throw new ScoreInputException(itemCode, ratio.Describe(), $"Item {itemCode}: {ratio.Describe()} has b greater than a; b counts part of a.");
        }

        if (a == 0)
        {
            return WhenZero == ZeroDenominator.FullPoints ? LeafScore.Of(max) : LeafScore.NotApplicable;
        }

        if (Threshold is { } threshold && b < threshold * a)
        {
            return LeafScore.Of(0m);
        }

        return LeafScore.Of(OfficialFigure.Round(max * b / a));
    }
}
