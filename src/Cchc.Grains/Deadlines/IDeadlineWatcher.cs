using Orleans.Concurrency;

namespace Cchc.Grains.Deadlines;

/// <summary>
/// A grain told when a scope's windows change instead of asking on every write (<see cref="DeadlineWatch"/>). Both
/// notices only mark its copy stale, and both interleave: a change awaits the notice, so a watcher busy awaiting the
/// deadline grain must still take it.
/// </summary>
public interface IDeadlineWatcher : IGrainWithStringKey
{
    /// <summary>
    /// The windows of <paramref name="deadlineKey"/> ("scope/period") were set, or one of them extended; awaited before
    /// that change is acknowledged.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout(GrainTimeouts.Summary)]
    Task OnDeadlinesChangedAsync(string deadlineKey);

    /// <summary>
    /// The deadline grain is deactivating and its next activation will not know this watcher: ask it again. One-way,
    /// so a deactivation never waits on a watcher.
    /// </summary>
    [AlwaysInterleave, OneWay]
    Task OnDeadlinesLeavingAsync(string deadlineKey);
}
