namespace Cchc.Core.Scoring;

/// <summary>How a leaf's points enter its parent: counted toward the maximum, or added/subtracted outside it.</summary>
public enum ItemRole
{
    /// <summary>Counts toward its parent's maximum and the 100-point total.</summary>
    Regular,

    /// <summary>Điểm thưởng: added to the achieved points, outside the total; its maximum is its cap.</summary>
    Bonus,

    /// <summary>Điểm trừ: subtracted from the achieved points, outside the total; its maximum is its cap.</summary>
    Penalty,
}
