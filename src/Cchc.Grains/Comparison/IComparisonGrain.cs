namespace Cchc.Grains.Comparison;

/// <summary>
/// Comparisons of one scope (a province, or a district up to 2024) between two periods of the same kind. Key: the
/// scope code, e.g. "48". Stateless between calls apart from framework copies; it awaits rankings, communes, units and
/// frameworks, none of which call it.
/// </summary>
public interface IComparisonGrain : IGrainWithStringKey
{
    /// <summary>
    /// Every commune of the scope in <paramref name="yearB"/> (or only <paramref name="unitCode"/>) compared with
    /// <paramref name="yearA"/>: <see cref="ComparePeriodsAsync"/> for the two years.
    /// </summary>
    /// <exception cref="RequestRejectedException">
    /// InvalidArgument when year A is not before year B; NotFound for an unknown scope or a commune not in it in year B;
    /// FailedPrecondition when the scope has no framework for year B, or its framework does not serve years.
    /// </exception>
    Task<YearComparison> CompareYearsAsync(int yearA, int yearB, string? unitCode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Every commune of the scope in <paramref name="periodB"/> (or only <paramref name="unitCode"/>) compared with the
    /// earlier <paramref name="periodA"/> of the same kind; periods are written "2024", "2024-H1", "2024-Q3". Across the
    /// 2025 merger a commune's period-A figures are formed from its predecessors, each read in its own old province
    /// (Cchc.Core's MergedStandings); where no old province of a commune has results for period A, its row has no
    /// period-A figures and says why.
    /// </summary>
    /// <exception cref="RequestRejectedException">
    /// InvalidArgument for a malformed period, periods of different kinds, or A not before B; NotFound for an unknown
    /// scope or a commune not in it in period B's year; FailedPrecondition when the scope has no framework for period
    /// B's year, or when the scope's framework of either year does not serve the periods' kind.
    /// </exception>
    Task<PeriodComparison> ComparePeriodsAsync(string periodA, string periodB, string? unitCode, CancellationToken cancellationToken = default);
}
