using Cchc.Grains.Frameworks;

namespace Cchc.Grains.Ranking;

/// <summary>
/// The previous period's places as this ranking last read them, by field, kept while the previous period's ranking has
/// sent no notice (<see cref="IRankingGrain.OnPreviousChangedAsync"/>): it tells every ranking that read its places of
/// its next change, and of its deactivation, so a read of this ranking makes no second grain call. A copy is asked
/// again after a notice, after this silo has seen a silo declared dead (a ranking that died with its silo sends
/// nothing and comes back knowing no readers), and once <see cref="RankingWatchOptions.RenewEvery"/> has passed.
/// </summary>
/// <remarks>
/// Bound: one entry per field of the previous period's framework and the overall ranking. What is left: a change the
/// previous ranking takes after its silo died, before this silo hears of the death, is not seen here until then.
/// </remarks>
internal sealed class PreviousWatch(WatchTerms terms)
{
    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);

    public void MarkStale()
    {
        terms.Notice();
        _kept.Clear();
    }

    public bool TryGet(string key, out IReadOnlyDictionary<string, PreviousStanding>? places)
    {
        if (_kept.TryGetValue(key, out var kept) && terms.Holds(kept.Ask))
        {
            places = kept.Places;
            return true;
        }

        places = null;
        return false;
    }

    /// <summary>Until when the places kept for <paramref name="key"/> hold, unless a notice or a death comes first; null: none kept.</summary>
    public DateTimeOffset? HoldsUntil(string key) => _kept.TryGetValue(key, out var kept) ? terms.Until(kept.Ask) : null;

    /// <summary>What an ask starts from; give it to <see cref="Keep"/> with its answer.</summary>
    public WatchTerms.Ask Begin() => terms.Begin();

    public void Keep(string key, WatchTerms.Ask ask, IReadOnlyDictionary<string, PreviousStanding>? places) => _kept[key] = new Kept(ask, places);

    private sealed record Kept(WatchTerms.Ask Ask, IReadOnlyDictionary<string, PreviousStanding>? Places);
}
