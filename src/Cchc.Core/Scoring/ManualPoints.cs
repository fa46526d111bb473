namespace Cchc.Core.Scoring;

/// <summary>Points chosen by the scorer in [0, max], e.g. 1.4 of 2.00.</summary>
public sealed record ManualPoints : ScoringMethod
{
    public override string Description => "manual points";

    private protected override LeafScore ScoreStatistic(string itemCode, decimal max, ScoreInput input) =>
        throw WrongInput(itemCode, input, null);
}
