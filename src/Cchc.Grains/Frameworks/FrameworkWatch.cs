using Cchc.Core.Frameworks;
using Cchc.Grains.Ranking;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// The framework of a grain that its framework grain tells of every put (<see cref="IFrameworkWatcher"/>): while the
/// watch holds, a read makes no grain call. It asks the framework grain again (renewing the watch) after a change or
/// leaving notice, after a silo was declared dead (<see cref="FrameworkWatches"/>), and once
/// <see cref="RankingWatchOptions.RenewEvery"/> has passed, well inside the expiry after which the framework grain
/// forgets a watcher.
/// </summary>
/// <remarks>
/// What is left: a framework grain that dies with its silo comes back knowing no watchers, so a put it takes before
/// this silo hears of the death is not seen here until it does (the cluster declares a silo dead within seconds).
/// </remarks>
internal sealed class FrameworkWatch(FrameworkCache cache, IFrameworkWatcher watcher, WatchTerms terms)
{
    // The terms of the last completed ask; a commune's summary read interleaves with its write, so two asks may overlap.
    private WatchTerms.Ask? _answered;

    /// <summary>Until when the framework last answered holds, unless a notice or a death comes first; null: never asked.</summary>
    public DateTimeOffset? HoldsUntil => _answered is { } answered ? terms.Until(answered) : null;

    /// <summary>A notice arrived: the next read asks the framework grain.</summary>
    public void MarkStale() => terms.Notice();

    /// <summary>The current framework with its version, or null when the province has none for the year.</summary>
    public async Task<(long Version, Framework Framework)?> GetAsync(CancellationToken cancellationToken)
    {
        if (_answered is { } answered && terms.Holds(answered))
        {
            return cache.Current;
        }

        var ask = terms.Begin();
        var version = await cache.Grain.WatchAsync(watcher, cancellationToken);
        var current = await cache.GetAsync(version, cancellationToken);
        _answered = ask;
        return current;
    }
}
