namespace Cchc.Grains.Ranking;

/// <summary>
/// A ranking grain's whole rankings (every unit, overall or by one field) and first pages as last built, each kept
/// until anything it shows changes. Reads of a whole province and every watch's snapshot then share one view, which
/// Orleans hands to callers on the ranking's silo by reference (it is <c>[Immutable]</c>), instead of building 549 rows
/// per caller: ten thousand watchers starting at once held ten thousand copies. Reads of a top 20 share one first page,
/// which the API then encodes once for all of them.
/// </summary>
/// <remarks>
/// Bound: one view (and one snapshot of it) and one first page per ranking of the scope, overall and each field; a
/// first page of another size replaces it. The grain drops them all at every change it applies. A kept view is also
/// checked against what it was built from: the ranking's epoch and version, its publication, and the previous period's
/// places (the same object while that ranking is unchanged).
/// </remarks>
internal sealed class WholeRankings
{
    private readonly Dictionary<string, Kept> _kept = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int Count, Kept Page)> _firstPages = new(StringComparer.Ordinal);

    /// <summary>The view kept for <paramref name="key"/> if it was built from these, else one built now and kept.</summary>
    public RankingView Get(string key, Stamp stamp, Func<RankingView> build) => KeptFor(key, stamp, build).View;

    /// <summary>As <see cref="Get"/>, with the id of the kept view: a view built again has a new one.</summary>
    public (RankingView View, Guid Id) GetWithId(string key, Stamp stamp, Func<RankingView> build)
    {
        var kept = KeptFor(key, stamp, build);
        return (kept.View, kept.Id);
    }

    /// <summary>As <see cref="Get"/>, with the scope's progress added (what a watch starts from).</summary>
    public RankingView GetSnapshot(string key, Stamp stamp, Func<RankingView> build, Func<RankingView, RankingView> withProgress)
    {
        ArgumentNullException.ThrowIfNull(withProgress);
        var kept = KeptFor(key, stamp, build);
        return kept.Snapshot ??= withProgress(kept.View);
    }

    /// <summary>
    /// The first <paramref name="count"/> rows of the ranking for <paramref name="key"/>, kept if they were built from
    /// these, else built now and kept in place of any other first page of that ranking.
    /// </summary>
    public RankingView GetFirstPage(string key, int count, Stamp stamp, Func<RankingView> build) =>
        GetFirstPageWithId(key, count, stamp, build).View;

    /// <summary>As <see cref="GetFirstPage"/>, with the id of the kept page: a page built again has a new one.</summary>
    public (RankingView View, Guid Id) GetFirstPageWithId(string key, int count, Stamp stamp, Func<RankingView> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (!_firstPages.TryGetValue(key, out var kept) || kept.Count != count || kept.Page.Stamp != stamp)
        {
            kept = _firstPages[key] = (count, new Kept(stamp, build()));
        }

        return (kept.Page.View, kept.Page.Id);
    }

    public void Clear()
    {
        _kept.Clear();
        _firstPages.Clear();
    }

    /// <summary>What a whole view was built from.</summary>
    public readonly record struct Stamp(Guid Epoch, long Version, bool Published, object? Previous);

    private Kept KeptFor(string key, Stamp stamp, Func<RankingView> build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (!_kept.TryGetValue(key, out var kept) || kept.Stamp != stamp)
        {
            kept = _kept[key] = new Kept(stamp, build());
        }

        return kept;
    }

    private sealed record Kept(Stamp Stamp, RankingView View)
    {
        // Names this view to other silos, which hold copies of it (FirstPageCopies); unique across activations.
        public Guid Id { get; } = Guid.NewGuid();

        public RankingView? Snapshot { get; set; }
    }
}
