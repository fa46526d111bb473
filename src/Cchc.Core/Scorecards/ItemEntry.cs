using Cchc.Core.Scoring;

namespace Cchc.Core.Scorecards;

/// <summary>
/// Everything entered for one leaf of one commune in one period, stage by stage. Each stage is either points
/// or the raw statistic the leaf's method scores. Survey points are entered by the province.
/// </summary>
public sealed record ItemEntry
{
    /// <summary>Tự đánh giá, chấm điểm.</summary>
    public ScoreInput? Self { get; init; }

    /// <summary>Thẩm định vòng 1.</summary>
    public ScoreInput? Appraisal1 { get; init; }

    /// <summary>Giải trình.</summary>
    public Explanation? Explanation { get; init; }

    /// <summary>Thẩm định vòng 2.</summary>
    public ScoreInput? Appraisal2 { get; init; }

    /// <summary>Points from the sociological survey, for survey-based items.</summary>
    public decimal? SurveyPoints { get; init; }

    /// <summary>Ý kiến hội đồng thẩm định.</summary>
    public string? CouncilComment { get; init; }

    /// <summary>Not evaluated in this period: the item leaves both the achieved points and the evaluated maximum.</summary>
    public bool NotEvaluated { get; init; }

    /// <summary>
    /// Stages entered without an input of their own (a "not evaluated" mark): progress counts them as entered. A stage
    /// with an input, an explanation or survey points counts as entered without being named here.
    /// </summary>
    public EnteredStages Entered { get; init; }

    /// <summary>Every stage entered: <see cref="Entered"/> and each stage that has a value.</summary>
    public EnteredStages AllEntered =>
        Entered
        | (Self is not null ? EnteredStages.Self : 0)
        | (Appraisal1 is not null ? EnteredStages.Appraisal1 : 0)
        | (Explanation is not null ? EnteredStages.Explanation : 0)
        | (Appraisal2 is not null ? EnteredStages.Appraisal2 : 0)
        | (SurveyPoints is not null ? EnteredStages.Survey : 0);
}
