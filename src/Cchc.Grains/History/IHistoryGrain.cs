namespace Cchc.Grains.History;

/// <summary>
/// One commune's history over the years stored. Key: the commune code, e.g. "19408". Stateless; it awaits unit,
/// framework-years, framework, ranking and comparison grains, none of which call it.
/// </summary>
public interface IHistoryGrain : IGrainWithStringKey
{
    /// <summary>
    /// Every annual period for which the commune's province has a framework, oldest first, with index, class, ranks in
    /// district and province and the change from the previous row. For a commune of 2025 on, the years before 2025
    /// follow its predecessors: the figure, and its province rank among the new province's formed figures, are the ones
    /// CompareYears forms by the merger rule; the row's codes are the predecessors that contributed, and each
    /// predecessor's own figures are listed.
    /// </summary>
    /// <exception cref="RequestRejectedException">NotFound when the registry knows no such commune in 2024 or 2025.</exception>
    Task<CommuneHistory> GetHistoryAsync(CancellationToken cancellationToken = default);
}
