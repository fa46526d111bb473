using Cchc.Core.Frameworks;

namespace Cchc.Core.Scorecards;

/// <summary>
/// Turns a scorecard into figures. Effective points per leaf: the latest appraisal, or the survey for a
/// survey-based item, otherwise the self score (provisional). A parent achieves the sum of its regular
/// children plus bonuses minus penalties, kept within [0, evaluated maximum], so no index leaves 0–100.
/// </summary>
public static class ScorecardCalculator
{
    /// <exception cref="ScoreInputException">Some entries are invalid; every error is listed, naming item and value.</exception>
    public static ScorecardResult Compute(Framework framework, Scorecard card)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(card);
        var errors = CheckCard(framework, card);
        var leaves = framework.Leaves;
        var items = new ItemFigures[leaves.Count];
        var entries = new ItemEntry?[leaves.Count];
        for (var i = 0; i < leaves.Count; i++)
        {
            card.Items.TryGetValue(leaves[i].Code, out var entry);
            entries[i] = entry;
            items[i] = LeafScorer.Score(leaves[i], framework.IsSurveyBasedLeaf(i), entry, ref errors);
        }

        if (errors is not null)
        {
            throw new ScoreInputException(errors);
        }

        return Aggregate(framework, card, entries, items);
    }

    private static List<ScoreInputError>? CheckCard(Framework framework, Scorecard card)
    {
        List<ScoreInputError>? errors = null;
        if (!framework.Serves(card.Period.Kind))
        {
            (errors ??= []).Add(new(null, card.Period.ToString(), $"The framework {framework.Name} does not serve {card.Period.Kind} periods such as {card.Period}."));
        }

        foreach (var code in card.Items.Keys)
        {
            if (!framework.TryGetIndex(code, out var index))
            {
                (errors ??= []).Add(new(code, null, $"Item {code} is not in the framework {framework.Name}."));
            }
            else if (framework.LeafIndexAt[index] < 0)
            {
                (errors ??= []).Add(new(code, null, $"Item {code} has sub-criteria; score those instead."));
            }
        }

        return errors;
    }

    private static ScorecardResult Aggregate(Framework framework, Scorecard card, ItemEntry?[] entries, ItemFigures[] items)
    {
        var nodes = framework.Nodes;
        var n = nodes.Count;
        Span<Sums> sums = n <= 512 ? stackalloc Sums[n] : new Sums[n];
        sums.Clear();
        var total = default(Sums);
        var parents = new NodeResult?[n];
        for (var i = n - 1; i >= 0; i--)
        {
            var leaf = framework.LeafIndexAt[i];
            NodeResult? result = null;
            if (leaf < 0)
            {
                result = sums[i].ToResult(nodes[i].Code, nodes[i].Name, framework.DepthAt[i], nodes[i].Max);
                parents[i] = result;
            }

            var parent = framework.ParentIndex[i];
            ref var into = ref parent >= 0 ? ref sums[parent] : ref total;
            if (result is not null)
            {
                into.Add(result.EvaluatedMax, result.Achieved, result.AppraisalDeduction, result.IsProvisional);
            }
            else
            {
                into.Add(items[leaf]);
            }
        }

        return new ScorecardResult(card, framework, total.ToResult(string.Empty, framework.Name, 0, framework.DeclaredTotal), parents, entries, items);
    }

    /// <summary>Running sums of a parent's children.</summary>
    private struct Sums
    {
        private decimal _evaluatedMax;
        private decimal _achieved;
        private decimal _deduction;
        private bool _provisional;

        public void Add(decimal evaluatedMax, decimal achieved, decimal deduction, bool provisional)
        {
            _evaluatedMax += evaluatedMax;
            _achieved += achieved;
            _deduction += deduction;
            _provisional |= provisional;
        }

        public void Add(in ItemFigures item) =>
            Add(item.CountsTowardMax ? item.Max : 0m, item.Contribution, item.AppraisalGap ?? 0m, item.Status == ItemStatus.Provisional);

        public readonly NodeResult ToResult(string code, string name, int depth, decimal max)
        {
            var achieved = Math.Clamp(_achieved, 0m, _evaluatedMax);
            return new NodeResult(code, name, depth, max, _evaluatedMax, achieved, _evaluatedMax - achieved, _deduction, _provisional);
        }
    }
}
