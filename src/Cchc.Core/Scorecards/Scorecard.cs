namespace Cchc.Core.Scorecards;

/// <summary>
/// One commune's entries for one period, keyed by leaf code. A leaf without an entry scores 0 of its maximum
/// (status <see cref="ItemStatus.Missing"/>): a commune that did not score an item did not earn it. To leave an
/// item out of the evaluation, mark it <see cref="ItemEntry.NotEvaluated"/>.
/// </summary>
public sealed record Scorecard(string UnitCode, string UnitName, Period Period, IReadOnlyDictionary<string, ItemEntry> Items)
{
    public static Scorecard Empty(string unitCode, string unitName, Period period) =>
        new(unitCode, unitName, period, new Dictionary<string, ItemEntry>(StringComparer.Ordinal));

    /// <summary>A copy with one leaf's entry replaced.</summary>
    public Scorecard With(string code, ItemEntry entry)
    {
        var items = new Dictionary<string, ItemEntry>(Items, StringComparer.Ordinal) { [code] = entry };
        return this with { Items = items };
    }
}
