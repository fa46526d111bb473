using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace Cchc.Grains.Scoring;

/// <summary>
/// A commune's items as a batch would leave them: <paramref name="changes"/> over <paramref name="items"/>, read
/// through without copying either. A write scores and snapshots this view while its append is in flight; the grain
/// puts the changes into its own items only once the append is durable.
/// </summary>
internal sealed class ItemsWithChanges(IReadOnlyDictionary<string, ItemState> items, IReadOnlyDictionary<string, ItemState> changes)
    : IReadOnlyDictionary<string, ItemState>
{
    public int Count
    {
        get
        {
            // Asked on every write (for the capacity of the scorecard's and the progress's dictionaries): no closure.
            var count = items.Count;
            foreach (var (code, _) in changes)
            {
                count += items.ContainsKey(code) ? 0 : 1;
            }

            return count;
        }
    }

    public IEnumerable<string> Keys => this.Select(pair => pair.Key);

    public IEnumerable<ItemState> Values => this.Select(pair => pair.Value);

    public ItemState this[string key] => TryGetValue(key, out var item) ? item : throw new KeyNotFoundException($"No item {key}.");

    public bool ContainsKey(string key) => changes.ContainsKey(key) || items.ContainsKey(key);

    public bool TryGetValue(string key, [MaybeNullWhen(false)] out ItemState value) =>
        changes.TryGetValue(key, out value) || items.TryGetValue(key, out value);

    public IEnumerator<KeyValuePair<string, ItemState>> GetEnumerator()
    {
        foreach (var (code, item) in items)
        {
            yield return new(code, changes.GetValueOrDefault(code) ?? item);
        }

        foreach (var (code, item) in changes)
        {
            if (!items.ContainsKey(code))
            {
                yield return new(code, item);
            }
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
