namespace Cchc.Core.Comparison;

/// <summary>
/// Which old units each new unit was formed from (the 1 July 2025 merger). A comparison across the merger
/// lists every predecessor with its own earlier figures, and measures the headline change from one basis:
/// the predecessor with the largest <see cref="Predecessor.Share"/>; without shares, the first whole
/// predecessor in the order given; failing that, the first listed. Predecessors without an earlier figure
/// are skipped when choosing the basis. An average of predecessors would describe no unit that was ranked.
/// </summary>
public sealed class PredecessorMap
{
    private readonly Dictionary<string, IReadOnlyList<Predecessor>> _byNewCode = new(StringComparer.Ordinal);

    public void Add(string newUnitCode, IEnumerable<Predecessor> predecessors)
    {
        ArgumentNullException.ThrowIfNull(newUnitCode);
        ArgumentNullException.ThrowIfNull(predecessors);
        _byNewCode[newUnitCode] = [.. predecessors];
    }

    /// <summary>The predecessors of a new unit; empty when it has none recorded.</summary>
    public IReadOnlyList<Predecessor> Of(string newUnitCode) => _byNewCode.GetValueOrDefault(newUnitCode) ?? [];

    /// <summary>The predecessors in the order the basis is chosen from.</summary>
    internal static IEnumerable<Predecessor> InBasisOrder(IReadOnlyList<Predecessor> predecessors) =>
        predecessors
            .Select((p, i) => (p, i))
            .OrderByDescending(x => x.p.Share ?? 0m)
            .ThenByDescending(x => x.p.Whole)
            .ThenBy(x => x.i)
            .Select(x => x.p);
}
