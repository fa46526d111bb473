using Cchc.Core.Frameworks;

namespace Cchc.Core.Scorecards;

/// <summary>A computed scorecard: the index and class, and figures per node and per leaf.</summary>
public sealed class ScorecardResult
{
    // Parents' figures by framework node index (null at leaves, whose figures are read from their item).
    private readonly NodeResult?[] _parents;
    private readonly ItemFigures[] _items;
    private readonly ItemEntry?[] _entries;
    private NodeResult[]? _nodes;
    private ItemResult[]? _itemResults;

    internal ScorecardResult(Scorecard card, Framework framework, NodeResult total, NodeResult?[] parents, ItemEntry?[] entries, ItemFigures[] items)
    {
        UnitCode = card.UnitCode;
        UnitName = card.UnitName;
        Period = card.Period;
        Framework = framework;
        Total = total;
        _parents = parents;
        _items = items;
        _entries = entries;
    }

    public string UnitCode { get; }

    public string UnitName { get; }

    public Period Period { get; }

    /// <summary>The framework the card was read against; a result is always read against its year's framework.</summary>
    public Framework Framework { get; }

    /// <summary>The official index (two decimals), or null when no item was evaluated.</summary>
    public decimal? Index => Total.Index;

    /// <summary>The class by the framework's bands, or null without an index.</summary>
    public string? ClassName => Index is { } index ? Framework.ClassOf(index) : null;

    /// <summary>True while any evaluated item rests on the self score alone.</summary>
    public bool IsProvisional => Total.IsProvisional;

    public NodeResult Total { get; }

    /// <summary>Every node in reading order.</summary>
    public IReadOnlyList<NodeResult> Nodes => _nodes ??= [.. Enumerable.Range(0, _parents.Length).Select(NodeAt)];

    /// <summary>The fields (depth 1), whose indices are the component indices.</summary>
    public IEnumerable<NodeResult> Fields => Framework.Fields.Select(f => Node(f.Code));

    /// <summary>Every leaf in reading order.</summary>
    public IReadOnlyList<ItemResult> Items => _itemResults ??= [.. Enumerable.Range(0, _items.Length).Select(ItemAt)];

    /// <exception cref="KeyNotFoundException">No node has this code.</exception>
    public NodeResult Node(string code) => NodeAt(Framework.IndexOf(code));

    /// <exception cref="KeyNotFoundException">No leaf has this code.</exception>
    public ItemResult Item(string code) =>
        Framework.LeafIndexAt[Framework.IndexOf(code)] is var leaf and >= 0
            ? ItemAt(leaf)
            : throw new KeyNotFoundException($"Item {code} is not a leaf of {Framework.Name}.");

    private ItemResult ItemAt(int leaf)
    {
        var node = Framework.Leaves[leaf];
        return _itemResults?[leaf] ?? new ItemResult(node, _entries[leaf], _items[leaf]);
    }

    /// <summary>The card's entry for the leaf at <paramref name="leaf"/> in <see cref="Frameworks.Framework.Leaves"/>, if it has one.</summary>
    internal ItemEntry? EntryAt(int leaf) => _entries[leaf];

    /// <summary>The figures of the leaf at <paramref name="leaf"/> in <see cref="Frameworks.Framework.Leaves"/>.</summary>
    internal ref readonly ItemFigures FiguresAt(int leaf) => ref _items[leaf];

    private NodeResult NodeAt(int index)
    {
        if (_parents[index] is { } parent)
        {
            return parent;
        }

        var item = _items[Framework.LeafIndexAt[index]];
        var node = Framework.Nodes[index];
        return new NodeResult(
            node.Code,
            node.Name,
            Framework.DepthAt[index],
            node.Max,
            item.CountsTowardMax ? item.Max : 0m,
            item.CountsTowardMax ? item.Points ?? 0m : item.Contribution,
            item.Lost,
            item.AppraisalGap ?? 0m,
            item.Status == ItemStatus.Provisional);
    }
}
