namespace Cchc.Grains.Comparison;

/// <summary>
/// Year-over-year comparisons of one scope (a province, or a district up to 2024). Key: the scope code, e.g. "48".
/// Stateless between calls apart from framework copies; it awaits rankings, communes and leaf grains, none of which
/// call it.
/// </summary>
public interface IComparisonGrain : IGrainWithStringKey
{
    /// <summary>
    /// Every commune of the scope in <paramref name="yearB"/> (or only <paramref name="unitCode"/>) compared with
    /// <paramref name="yearA"/>. Across the 2025 merger a commune is compared with its predecessors, each read in its
    /// own old province; where no old province of a commune has results for year A, its row has no year-A figures and
    /// says why.
    /// </summary>
    /// <exception cref="RequestRejectedException">
    /// InvalidArgument when year A is not before year B; NotFound for an unknown scope or a commune not in it in year B;
    /// FailedPrecondition when the scope has no framework for year B.
    /// </exception>
    Task<YearComparison> CompareYearsAsync(int yearA, int yearB, string? unitCode, CancellationToken cancellationToken = default);
}
