namespace Cchc.Core.Reliability;

/// <summary>What a reliability table is ordered by; ties are always broken by Vietnamese name, then by code.</summary>
public enum ReliabilitySort
{
    /// <summary>Self total − appraised total.</summary>
    Gap,

    /// <summary>The self-assessed total.</summary>
    Self,

    /// <summary>The appraised total.</summary>
    Appraised,

    /// <summary>How many items the commune scored higher than the council.</summary>
    ItemsOver,

    /// <summary>The commune's name, in Vietnamese alphabetical order.</summary>
    Name,
}
