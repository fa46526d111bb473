namespace Cchc.Core.Scorecards;

/// <summary>The stages at which something was entered for a leaf, whatever it was ("not evaluated" included).</summary>
[Flags]
public enum EnteredStages
{
    None = 0,

    /// <summary>Tự đánh giá.</summary>
    Self = 1,

    /// <summary>Thẩm định vòng 1.</summary>
    Appraisal1 = 2,

    /// <summary>Giải trình.</summary>
    Explanation = 4,

    /// <summary>Thẩm định vòng 2.</summary>
    Appraisal2 = 8,

    /// <summary>Điều tra xã hội học.</summary>
    Survey = 16,
}
