namespace Cchc.Grains.Scoring;

/// <summary>Everything entered for one leaf of one commune in one period, stage by stage.</summary>
[GenerateSerializer, Immutable, Alias("cchc.ItemState")]
public sealed record ItemState(
    StageValue? Self = null,
    StageValue? Appraisal1 = null,
    StageValue? Explanation = null,
    StageValue? Appraisal2 = null,
    StageValue? Survey = null)
{
    public StageValue? At(ScoreStage stage) => stage switch
    {
        ScoreStage.SelfAssessment => Self,
        ScoreStage.AppraisalRound1 => Appraisal1,
        ScoreStage.Explanation => Explanation,
        ScoreStage.AppraisalRound2 => Appraisal2,
        _ => Survey,
    };

    public ItemState With(ScoreStage stage, StageValue value) => stage switch
    {
        ScoreStage.SelfAssessment => this with { Self = value },
        ScoreStage.AppraisalRound1 => this with { Appraisal1 = value },
        ScoreStage.Explanation => this with { Explanation = value },
        ScoreStage.AppraisalRound2 => this with { Appraisal2 = value },
        _ => this with { Survey = value },
    };
}
