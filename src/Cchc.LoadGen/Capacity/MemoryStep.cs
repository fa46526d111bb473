namespace Cchc.LoadGen.Capacity;

/// <summary>
/// One step of the capacity run: what it activated (grain activations by type, as Orleans counts them, and live
/// watchers) and the server's memory before and after it, each read after a forced full GC.
/// </summary>
/// <param name="Name">The step, e.g. "unit".</param>
/// <param name="Kind">The kind the step is about: a grain type or <see cref="WatcherKind"/>.</param>
/// <param name="Added">Activations by kind that the step added (negative: removed), watchers included.</param>
/// <param name="ManagedBytes">Managed heap after the step minus before it, bytes.</param>
/// <param name="WorkingSetBytes">Process working set after minus before, bytes.</param>
internal sealed record MemoryStep(string Name, string Kind, IReadOnlyDictionary<string, long> Added, long ManagedBytes, long WorkingSetBytes)
{
    public const string WatcherKind = "watcher";

    /// <summary>The step between two scrapes: activation deltas by grain type, plus the watcher delta.</summary>
    public static MemoryStep Between(string name, string kind, MetricsSnapshot before, MetricsSnapshot after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var was = before.Activations();
        var now = after.Activations();
        var added = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var type in was.Keys.Union(now.Keys, StringComparer.Ordinal))
        {
            var delta = now.GetValueOrDefault(type) - was.GetValueOrDefault(type);
            if (delta != 0)
            {
                added[type] = delta;
            }
        }

        if (after.Subscribers != before.Subscribers)
        {
            added[WatcherKind] = after.Subscribers - before.Subscribers;
        }

        return new MemoryStep(name, kind, added, after.ManagedBytes - before.ManagedBytes, after.WorkingSetBytes - before.WorkingSetBytes);
    }

    public long Count => Added.GetValueOrDefault(Kind);
}
