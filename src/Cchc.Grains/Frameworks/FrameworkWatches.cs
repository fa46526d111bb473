using Cchc.Grains.Ranking;
using Microsoft.Extensions.Options;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// Makes this silo's framework watches (<see cref="FrameworkWatch"/>) and the terms of other watched copies
/// (<see cref="WatchTerms"/>), and counts the silos declared dead since it
/// started: a framework grain that died with its silo sends its watchers no notice, and its next activation knows none
/// of them, so a watch taken before a death is asked again.
/// </summary>
public sealed class FrameworkWatches(TimeProvider clock, IOptions<RankingWatchOptions> options)
{
    private long _deaths;

    internal long Deaths => Interlocked.Read(ref _deaths);

    internal void SilosDied(int count) => Interlocked.Add(ref _deaths, count);

    internal FrameworkWatch For(IGrainFactory grains, string provinceCode, int year, IFrameworkWatcher watcher) =>
        new(new FrameworkCache(grains, provinceCode, year), watcher, Terms());

    /// <summary>Fresh terms for a copy that its source tells of changes, renewed as often as a framework watch.</summary>
    internal WatchTerms Terms() => new(this, clock, options.Value.RenewEvery);
}
