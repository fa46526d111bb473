using Cchc.Core.Scoring;

namespace Cchc.Core.Progress;

/// <summary>
/// What was entered for one leaf at each stage, as progress counts it. Unlike <see cref="Scorecards.ItemEntry"/>, which
/// folds "not evaluated" into one flag for the latest stage, this keeps whether each stage was entered at all: a
/// commune that marked an item "not evaluated" at self-assessment did self-assess it, even after the council scored it.
/// </summary>
public sealed record LeafStages
{
    /// <summary>Tự đánh giá entered: a value, or "not evaluated" (then <see cref="Self"/> is null).</summary>
    public bool SelfEntered { get; init; }

    /// <summary>The self-assessed value; null when none, or when marked "not evaluated".</summary>
    public ScoreInput? Self { get; init; }

    /// <summary>Thẩm định vòng 1 entered (a value or "not evaluated").</summary>
    public bool Round1Entered { get; init; }

    /// <summary>The round-1 value; null when none, or when marked "not evaluated".</summary>
    public ScoreInput? Round1 { get; init; }

    /// <summary>Giải trình given.</summary>
    public bool Explained { get; init; }

    /// <summary>Thẩm định vòng 2 entered.</summary>
    public bool Round2Entered { get; init; }

    /// <summary>Survey points (or "not evaluated") entered by the province.</summary>
    public bool Surveyed { get; init; }
}
