namespace Cchc.Core.Scoring;

/// <summary>max − faults × per fault, never below 0: 1 late task of 4 at 0.5 each → 2.5 of 3.</summary>
public sealed record DeductionPerFaultMethod(decimal PointsPerFault) : ScoringMethod
{
    public override string Description => $"deduction of {Text(PointsPerFault)} per fault";

    public override IEnumerable<string> ParameterProblems(decimal max)
    {
        if (PointsPerFault <= 0)
        {
            yield return $"the deduction per fault {Text(PointsPerFault)} must be positive";
        }
        else if (!OfficialFigure.IsOfficial(PointsPerFault))
        {
            yield return $"the deduction per fault {Text(PointsPerFault)} has more than two decimals";
        }
    }

    private protected override LeafScore ScoreStatistic(string itemCode, decimal max, ScoreInput input)
    {
        if (input is not FaultsInput faults)
        {
            throw WrongInput(itemCode, input, "a number of faults");
        }

        if (faults.Faults < 0 || faults.OutOf < 0)
        {
            throw new ScoreInputException(itemCode, faults.Describe(), $"Item {itemCode}: {faults.Describe()} has a negative count.");
        }

        if (faults.Faults > faults.OutOf)
        {
            throw new ScoreInputException(itemCode, faults.Describe(), $"Item {itemCode}: {faults.Describe()} counts more faults than tasks.");
        }

        return LeafScore.Of(Math.Max(0m, max - (faults.Faults * PointsPerFault)));
    }
}
