namespace Cchc.Core.Scorecards;

/// <summary>Where a leaf's effective points come from.</summary>
public enum ItemStatus
{
    /// <summary>The latest appraisal (round 2, else round 1).</summary>
    Appraised,

    /// <summary>The survey, for a survey-based item.</summary>
    Survey,

    /// <summary>Only the self score exists; the figure is provisional until appraised.</summary>
    Provisional,

    /// <summary>Nothing was entered: 0 of the maximum.</summary>
    Missing,

    /// <summary>Out of this evaluation (marked so, not applicable, or a survey item with no survey held).</summary>
    NotEvaluated,
}
