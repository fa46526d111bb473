namespace Cchc.Core.Scoring;

/// <summary>max × count/target, capped at max: 2 dialogues held of the 5 expected → 0.4 of 1.</summary>
public sealed record CountTargetMethod(decimal Target) : ScoringMethod
{
    public override string Description => $"count against a target of {Text(Target)}";

    public override IEnumerable<string> ParameterProblems(decimal max)
    {
        if (Target <= 0)
        {
            yield return $"the target {Text(Target)} must be positive";
        }
    }

    private protected override LeafScore ScoreStatistic(string itemCode, decimal max, ScoreInput input)
    {
        if (input is not CountInput count)
        {
            throw WrongInput(itemCode, input, "a count");
        }

        if (count.Count < 0)
        {
            throw new ScoreInputException(itemCode, Text(count.Count), $"Item {itemCode}: the count {Text(count.Count)} is negative.");
        }

        return LeafScore.Of(OfficialFigure.Round(max * Math.Min(count.Count, Target) / Target));
    }
}
