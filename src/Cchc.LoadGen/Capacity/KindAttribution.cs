namespace Cchc.LoadGen.Capacity;

/// <summary>
/// Turns the steps of a capacity run into a cost per activation of each step's kind: the step's managed-heap growth
/// over its activations of that kind, exactly as Orleans counted them. Nothing is apportioned between kinds: what
/// else a step activated is named next to its figure, and its cost is inside it.
/// </summary>
internal static class KindAttribution
{
    /// <exception cref="BenchException">A step activated none of its kind, so it measured nothing.</exception>
    public static IReadOnlyList<KindCost> Attribute(IEnumerable<MemoryStep> steps)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var costs = new List<KindCost>();
        foreach (var step in steps)
        {
            if (step.Count <= 0)
            {
                throw new BenchException($"Step {step.Name} activated no {step.Kind} (counts: {Describe(step.Added)}); its cost cannot be measured.");
            }

            List<string> also = [.. step.Added.Where(a => a.Key != step.Kind && a.Value > 0).OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Value} {a.Key}")];
            costs.Add(new KindCost(step.Name, step.Kind, step.Count, step.ManagedBytes, PerActivation(step.ManagedBytes, step.Count),
                PerActivation(step.WorkingSetBytes, step.Count), also));
        }

        return costs;
    }

    /// <summary>Bytes per activation, rounded to the nearest byte (away from zero at a half).</summary>
    public static long PerActivation(long bytes, long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        return (long)Math.Round(bytes / (double)count, MidpointRounding.AwayFromZero);
    }

    public static string Describe(IReadOnlyDictionary<string, long> added) =>
        added.Count == 0 ? "none" : string.Join(", ", added.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => $"{a.Key} {a.Value:+#;-#;0}"));
}
