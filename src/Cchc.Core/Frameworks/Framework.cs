namespace Cchc.Core.Frameworks;

/// <summary>
/// A validated framework (Bộ chỉ số) of one year, indexed for scoring. Depth is at most
/// <see cref="MaxDepth"/>: field, criterion, sub-criterion as the province issues them, plus one level a lower
/// level may add under a province sub-criterion (DOMAIN.md: "a lower level may add sub-criteria of its own");
/// the added items keep the province's code as prefix and their maxima must add up to the item they refine.
/// </summary>
public sealed class Framework
{
    public const int MaxDepth = 4;

    private readonly Dictionary<string, int> _indexByCode;

    private Framework(FrameworkDefinition definition)
    {
        Definition = definition;
        var nodes = new List<FrameworkNode>();
        var parents = new List<int>();
        var survey = new List<bool>();
        foreach (var field in definition.Fields)
        {
            Flatten(field, -1, false, nodes, parents, survey);
        }

        Nodes = nodes;
        ParentIndex = [.. parents];
        SurveyBasedAt = [.. survey];
        DepthAt = [.. nodes.Select(n => ItemCode.Depth(n.Code))];
        LeafIndexAt = new int[nodes.Count];
        for (int i = 0, leaf = 0; i < nodes.Count; i++)
        {
            LeafIndexAt[i] = nodes[i].IsLeaf ? leaf++ : -1;
        }

        _indexByCode = nodes.Select((n, i) => (n.Code, i)).ToDictionary(p => p.Code, p => p.i, StringComparer.Ordinal);
        Leaves = [.. nodes.Where(n => n.IsLeaf)];
        LeafNodeIndex = [.. Enumerable.Range(0, nodes.Count).Where(i => nodes[i].IsLeaf)];
    }

    public FrameworkDefinition Definition { get; }

    public string Name => Definition.Name;

    public int Year => Definition.Year;

    public decimal DeclaredTotal => Definition.DeclaredTotal;

    public IReadOnlyList<FrameworkNode> Fields => Definition.Fields;

    public IReadOnlyList<ClassBand> Bands => Definition.Bands;

    /// <summary>Every node in reading order (a parent before its children).</summary>
    public IReadOnlyList<FrameworkNode> Nodes { get; }

    /// <summary>Every leaf in reading order.</summary>
    public IReadOnlyList<FrameworkNode> Leaves { get; }

    internal int[] ParentIndex { get; }

    internal int[] LeafNodeIndex { get; }

    internal bool[] SurveyBasedAt { get; }

    internal int[] DepthAt { get; }

    /// <summary>The position among <see cref="Leaves"/> of each node, -1 for a parent.</summary>
    internal int[] LeafIndexAt { get; }

    /// <summary>Validates and indexes a definition.</summary>
    /// <exception cref="FrameworkValidationException">The definition has problems; all are listed.</exception>
    public static Framework Create(FrameworkDefinition definition)
    {
        var problems = Validate(definition);
        return problems.Count == 0 ? new Framework(definition) : throw new FrameworkValidationException(problems);
    }

    /// <summary>Every problem of the definition; empty when it is valid.</summary>
    public static IReadOnlyList<FrameworkProblem> Validate(FrameworkDefinition definition) => FrameworkValidator.Validate(definition);

    public bool Serves(PeriodKind kind) => Definition.Periods.Contains(kind);

    public bool Contains(string code) => _indexByCode.ContainsKey(code);

    /// <exception cref="KeyNotFoundException">No node has this code.</exception>
    public FrameworkNode Node(string code) =>
        _indexByCode.TryGetValue(code, out var i) ? Nodes[i] : throw new KeyNotFoundException($"The framework {Name} has no item {code}.");

    /// <summary>True when the leaf (or a parent above it) is survey-based.</summary>
    public bool IsSurveyBased(string code) => SurveyBasedAt[IndexOf(code)];

    internal bool IsSurveyBasedLeaf(int leafIndex) => SurveyBasedAt[LeafNodeIndex[leafIndex]];

    /// <summary>The leaves under a node (the node itself when it is a leaf), in reading order.</summary>
    public IReadOnlyList<FrameworkNode> LeavesUnder(string code)
    {
        var node = Node(code);
        return node.IsLeaf ? [node] : [.. Leaves.Where(l => l.Code.StartsWith(code + ".", StringComparison.Ordinal))];
    }

    /// <summary>The class (xếp loại) of an index by this framework's bands.</summary>
    /// <exception cref="InvalidOperationException">No band takes the index (bands are checked to reach 0 when put).</exception>
    public string ClassOf(decimal index)
    {
        // Indexed, not First with a lambda: every ranking row of every update asks, and the closure and the enumerator
        // were two allocations each time.
        var bands = Bands;
        for (var i = 0; i < bands.Count; i++)
        {
            if (index >= bands[i].MinIndex)
            {
                return bands[i].Name;
            }
        }

        throw new InvalidOperationException($"No class band of {Name} takes the index {index}.");
    }

    /// <summary>The position of a class in the bands, 0 for the highest; -1 when unknown.</summary>
    public int ClassPosition(string? className)
    {
        for (var i = 0; i < Bands.Count; i++)
        {
            if (Bands[i].Name == className)
            {
                return i;
            }
        }

        return -1;
    }

    internal bool TryGetIndex(string code, out int index) => _indexByCode.TryGetValue(code, out index);

    internal int IndexOf(string code) =>
        _indexByCode.TryGetValue(code, out var i) ? i : throw new KeyNotFoundException($"The framework {Name} has no item {code}.");

    private static void Flatten(FrameworkNode node, int parent, bool surveyAbove, List<FrameworkNode> nodes, List<int> parents, List<bool> survey)
    {
        var index = nodes.Count;
        var surveyHere = surveyAbove || node.SurveyBased;
        nodes.Add(node);
        parents.Add(parent);
        survey.Add(surveyHere);
        foreach (var child in node.Children)
        {
            Flatten(child, index, surveyHere, nodes, parents, survey);
        }
    }
}
