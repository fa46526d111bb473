namespace Cchc.Core.Scoring;

/// <summary>The maximum when done (plan issued), otherwise 0.</summary>
public sealed record YesNoMethod : ScoringMethod
{
    public override string Description => "yes/no";

    private protected override LeafScore ScoreStatistic(string itemCode, decimal max, ScoreInput input) =>
        input is YesNoInput yesNo ? LeafScore.Of(yesNo.Yes ? max : 0m) : throw WrongInput(itemCode, input, "yes/no");
}
