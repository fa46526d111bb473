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
internal sealed class FrameworkWatch(FrameworkCache cache, IFrameworkWatcher watcher, FrameworkWatches silo, TimeProvider clock, TimeSpan renewEvery)
{
    // Notices counted, and the count the last completed ask accounted for: an ask that overlaps a notice (or another
    // ask, since a commune's summary read interleaves with its write) leaves the copy stale for the next read.
    private long _notices;
    private long _answered = -1;
    private long _deaths;
    private DateTimeOffset _askedAt;

    /// <summary>A notice arrived: the next read asks the framework grain.</summary>
    public void MarkStale() => _notices++;

    /// <summary>The current framework with its version, or null when the province has none for the year.</summary>
    public async Task<(long Version, Framework Framework)?> GetAsync(CancellationToken cancellationToken)
    {
        var (notices, deaths, now) = (_notices, silo.Deaths, clock.GetUtcNow());
        if (_answered == notices && _deaths == deaths && now - _askedAt < renewEvery)
        {
            return cache.Current;
        }

        var version = await cache.Grain.WatchAsync(watcher, cancellationToken);
        var current = await cache.GetAsync(version, cancellationToken);
        (_answered, _deaths, _askedAt) = (notices, deaths, now);
        return current;
    }
}
