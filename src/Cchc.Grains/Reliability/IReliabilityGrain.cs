using Cchc.Core.Reliability;

namespace Cchc.Grains.Reliability;

/// <summary>
/// The reliability of self-assessment in one scope and period. Key: "scope/period", e.g. "464/2023" or "45/2023-H1".
/// Stateless between calls apart from its framework copy; it awaits the scope's ranking grain (for its members),
/// the members' commune grains and the framework grain, none of which call it.
/// </summary>
public interface IReliabilityGrain : IGrainWithStringKey
{
    /// <summary>Every member commune's self total, appraised total, gap and items over, in the order asked.</summary>
    /// <param name="fieldCode">A field's code to restrict the figures to its items; null for all items.</param>
    /// <param name="descending">Largest first (Z to A for names).</param>
    /// <exception cref="RequestRejectedException">
    /// NotFound for an unknown scope; FailedPrecondition when the province has no framework for the year or it does
    /// not serve the period's kind; InvalidArgument for a field the framework lacks.
    /// </exception>
    Task<ReliabilityView> GetReliabilityAsync(string? fieldCode, ReliabilitySort sort, bool descending, CancellationToken cancellationToken = default);
}
