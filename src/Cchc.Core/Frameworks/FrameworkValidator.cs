using System.Globalization;
using Cchc.Core.Scoring;

namespace Cchc.Core.Frameworks;

/// <summary>Finds every problem of a definition in one pass, so an importer can show them all at once.</summary>
internal sealed class FrameworkValidator
{
    private readonly List<FrameworkProblem> _problems = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public static IReadOnlyList<FrameworkProblem> Validate(FrameworkDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var validator = new FrameworkValidator();
        validator.CheckTree(definition);
        validator.CheckPeriods(definition);
        validator.CheckBands(definition.Bands ?? []);
        return validator._problems;
    }

    private void CheckTree(FrameworkDefinition definition)
    {
        var fields = definition.Fields ?? [];
        if (fields.Count == 0)
        {
            Add(null, FrameworkProblemKind.NoFields, "The framework has no fields.");
            return;
        }

        foreach (var field in fields)
        {
            CheckNode(field, parent: null, depth: 1);
        }

        var total = fields.Where(f => f.Role == ItemRole.Regular).Sum(f => f.Max);
        if (total != definition.DeclaredTotal)
        {
            Add(null, FrameworkProblemKind.TotalMismatch, $"The fields add up to {Text(total)} points, but the declared total is {Text(definition.DeclaredTotal)}.");
        }
    }

    private void CheckNode(FrameworkNode node, FrameworkNode? parent, int depth)
    {
        var code = node.Code ?? string.Empty;
        var label = $"Item '{code}'";
        if (!ItemCode.IsWellFormed(code))
        {
            Add(code, FrameworkProblemKind.MalformedCode, $"{label}: the code is malformed; codes are numbers joined by dots, such as 1, 1.5 or 3.12.2.");
        }
        else if (parent is not null && ItemCode.ParentOf(code) != parent.Code)
        {
            Add(code, FrameworkProblemKind.CodeDoesNotExtendParent, $"{label}: the code does not extend its parent's code {parent.Code} (expected {parent.Code}.n).");
        }
        else if (parent is null && ItemCode.Depth(code) != 1)
        {
            Add(code, FrameworkProblemKind.CodeDoesNotExtendParent, $"{label}: a field's code is a single number.");
        }

        if (!_seen.Add(code))
        {
            Add(code, FrameworkProblemKind.DuplicateCode, $"{label}: the code appears more than once.");
        }

        if (depth > Framework.MaxDepth)
        {
            Add(code, FrameworkProblemKind.TooDeep, $"{label}: the tree is {depth} levels deep here; at most {Framework.MaxDepth} are allowed (field, criterion, sub-criterion, local sub-criterion).");
        }

        if (string.IsNullOrWhiteSpace(node.Name))
        {
            Add(code, FrameworkProblemKind.MissingName, $"{label}: the name is empty.");
        }

        if (node.Max <= 0 || !OfficialFigure.IsOfficial(node.Max))
        {
            Add(code, FrameworkProblemKind.InvalidMaximum, $"{label}: the maximum {Text(node.Max)} must be positive with at most two decimals.");
        }

        if (node.IsLeaf)
        {
            CheckLeaf(node, code, label);
            return;
        }

        CheckParent(node, code, label);
        foreach (var child in node.Children)
        {
            CheckNode(child, node, depth + 1);
        }
    }

    private void CheckLeaf(FrameworkNode node, string code, string label)
    {
        if (node.Method is null)
        {
            Add(code, FrameworkProblemKind.LeafWithoutMethod, $"{label}: the leaf has no scoring method.");
            return;
        }

        foreach (var problem in node.Method.ParameterProblems(node.Max))
        {
            Add(code, FrameworkProblemKind.InvalidMethodParameter, $"{label}: {problem}.");
        }
    }

    private void CheckParent(FrameworkNode node, string code, string label)
    {
        if (node.Method is BonusMethod or PenaltyMethod)
        {
            Add(code, FrameworkProblemKind.BonusOrPenaltyWithChildren, $"{label}: bonus and penalty items must be leaves.");
            return;
        }
        else if (node.Method is not null)
        {
            Add(code, FrameworkProblemKind.ParentWithMethod, $"{label}: a parent is scored by its children; remove its scoring method.");
        }

        var sum = node.Children.Where(c => c.Role == ItemRole.Regular).Sum(c => c.Max);
        if (sum != node.Max)
        {
            Add(code, FrameworkProblemKind.MaximumNotSumOfChildren, $"{label}: the maximum is {Text(node.Max)} but its children add up to {Text(sum)}.");
        }
    }

    private void CheckPeriods(FrameworkDefinition definition)
    {
        var periods = definition.Periods ?? [];
        if (periods.Count == 0)
        {
            Add(null, FrameworkProblemKind.NoPeriods, "The framework serves no period kind; give at least one of year, half-year, quarter.");
        }
    }

    private void CheckBands(IReadOnlyList<ClassBand> bands)
    {
        if (bands.Count == 0)
        {
            Add(null, FrameworkProblemKind.InvalidBand, "The framework has no classification bands.");
            return;
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < bands.Count; i++)
        {
            var band = bands[i];
            if (string.IsNullOrWhiteSpace(band.Name) || !names.Add(band.Name))
            {
                Add(band.Name, FrameworkProblemKind.InvalidBand, $"Band '{band.Name}': the name is empty or repeated.");
            }

            if (band.MinIndex is < 0 or > 100)
            {
                Add(band.Name, FrameworkProblemKind.InvalidBand, $"Band '{band.Name}': the lower bound {Text(band.MinIndex)} is outside 0 to 100.");
            }

            if (i > 0 && band.MinIndex >= bands[i - 1].MinIndex)
            {
                Add(band.Name, FrameworkProblemKind.BandsOutOfOrder, $"Band '{band.Name}' (from {Text(band.MinIndex)}) must have a lower bound below band '{bands[i - 1].Name}' (from {Text(bands[i - 1].MinIndex)}); list bands from the highest down.");
            }
        }

        if (bands[^1].MinIndex != 0)
        {
            Add(bands[^1].Name, FrameworkProblemKind.InvalidBand, $"Band '{bands[^1].Name}': the lowest band must start at 0 so that every index has a class.");
        }
    }

    private void Add(string? code, FrameworkProblemKind kind, string message) => _problems.Add(new FrameworkProblem(code, kind, message));

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
