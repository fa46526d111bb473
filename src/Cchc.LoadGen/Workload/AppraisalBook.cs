using System.Collections.Concurrent;
using Cchc.Api.V1;

namespace Cchc.LoadGen.Workload;

/// <summary>
/// What the load generator knows of each commune's effective points per appraisable leaf (in quarter points,
/// −1 when unknown: a statistic the server scored) and its last index, so that each appraisal it sends is a
/// different score from the current one and moves the commune's index.
/// </summary>
internal sealed class AppraisalBook(BenchFramework framework)
{
    private readonly ConcurrentDictionary<string, int[]> _quarters = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _index = new(StringComparer.Ordinal);

    public BenchFramework Framework { get; } = framework;

    /// <summary>Indices of the appraisable leaves scored with manual points, whose self score is known exactly.</summary>
    public IReadOnlyList<int> ManualLeaves { get; } =
        [.. framework.Appraisable.Select((l, i) => (l, i)).Where(p => p.l.Method.MethodCase == LeafMethod.MethodOneofCase.Manual).Select(p => p.i)];

    public string? IndexOf(string commune) => _index.GetValueOrDefault(commune);

    /// <summary>Records the index the server answered; true when it differs from the one known before.</summary>
    public bool SetIndex(string commune, string index)
    {
        var before = _index.GetValueOrDefault(commune);
        _index[commune] = index;
        return before != index;
    }

    /// <summary>A new value for the leaf, different from its current one, and records it as current.</summary>
    public int NextValue(string commune, int leaf, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var values = _quarters.GetOrAdd(commune, Initial);
        var steps = Framework.Appraisable[leaf].QuarterSteps;
        int next;
        do
        {
            next = random.Next(0, steps + 1);
        }
        while (next == values[leaf]);
        values[leaf] = next;
        return next;
    }

    // The self-assessment is regenerated (it is repeatable) to learn the manual points the commune gave itself.
    private int[] Initial(string commune)
    {
        var values = Enumerable.Repeat(-1, Framework.Appraisable.Count).ToArray();
        var self = ScoreFactory.SelfAssessment(commune, Framework).Items.ToDictionary(i => i.ItemCode, StringComparer.Ordinal);
        foreach (var leaf in ManualLeaves)
        {
            var code = Framework.Appraisable[leaf].Code;
            if (self.TryGetValue(code, out var item) && item.ValueCase == ItemScore.ValueOneofCase.Points)
            {
                values[leaf] = (int)(decimal.Parse(item.Points, System.Globalization.CultureInfo.InvariantCulture) * 4);
            }
        }

        return values;
    }
}
