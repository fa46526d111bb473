namespace Cchc.Core.Comparison;

/// <summary>What a period is compared against when the earlier period is not given outright.</summary>
public enum ComparisonBasis
{
    /// <summary>The period of the same kind just before: 2023-Q4 for 2024-Q1, 2024-H1 for 2024-H2, 2023 for 2024.</summary>
    PreviousPeriod,

    /// <summary>The same period a year earlier: 2023-Q3 for 2024-Q3, 2023-H1 for 2024-H1.</summary>
    SamePeriodLastYear,
}
