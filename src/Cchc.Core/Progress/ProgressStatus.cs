namespace Cchc.Core.Progress;

/// <summary>How far a commune is with one stage: all, some or none of the items the stage covers.</summary>
public enum ProgressStatus
{
    /// <summary>No item of the stage entered.</summary>
    None,

    /// <summary>At least one item entered, not all.</summary>
    Some,

    /// <summary>Every item of the stage entered.</summary>
    All,

    /// <summary>The stage covers no item of the framework (a framework without survey-based items has no survey).</summary>
    NotApplicable,
}
