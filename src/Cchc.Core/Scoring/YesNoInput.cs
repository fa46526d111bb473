namespace Cchc.Core.Scoring;

/// <summary>Done or not done, e.g. the annual plan was issued.</summary>
public sealed record YesNoInput(bool Yes) : ScoreInput
{
    public override string Describe() => Yes ? "yes" : "no";
}
