namespace Cchc.Core.Deadlines;

/// <summary>The stages a province sets windows for, in the order they happen.</summary>
public enum DeadlineStage
{
    /// <summary>Tự đánh giá, chấm điểm.</summary>
    SelfAssessment,

    /// <summary>Thẩm định vòng 1.</summary>
    AppraisalRound1,

    /// <summary>Giải trình.</summary>
    Explanation,

    /// <summary>Thẩm định vòng 2.</summary>
    AppraisalRound2,

    /// <summary>Điều tra xã hội học: independent of the other four.</summary>
    Survey,
}
