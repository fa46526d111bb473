namespace Cchc.Grains.Scoring;

/// <summary>The stages of a commune's year, in the order they happen.</summary>
public enum ScoreStage
{
    /// <summary>Tự đánh giá, chấm điểm.</summary>
    SelfAssessment,

    /// <summary>Thẩm định vòng 1.</summary>
    AppraisalRound1,

    /// <summary>Giải trình: text and revised evidence, no points.</summary>
    Explanation,

    /// <summary>Thẩm định vòng 2.</summary>
    AppraisalRound2,

    /// <summary>Điều tra xã hội học: survey points, entered by the province.</summary>
    Survey,
}
