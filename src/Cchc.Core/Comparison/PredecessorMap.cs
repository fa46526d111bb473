namespace Cchc.Core.Comparison;

/// <summary>
/// Which old units each new unit was formed from (the 1 July 2025 merger), in the order the merge data lists them.
/// How a new unit's earlier figure is formed from them is <see cref="MergedStandings"/>'s rule.
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
}
