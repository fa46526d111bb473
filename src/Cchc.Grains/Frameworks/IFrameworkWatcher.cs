using Orleans.Concurrency;

namespace Cchc.Grains.Frameworks;

/// <summary>
/// A grain told when its framework changes instead of asking on every call (<see cref="FrameworkWatch"/>). Both notices
/// only mark its copy stale, and both interleave: a put awaits the change notice, so a watcher busy awaiting the
/// framework grain must still take it.
/// </summary>
public interface IFrameworkWatcher : IGrainWithStringKey
{
    /// <summary>
    /// Framework <paramref name="frameworkKey"/> ("province/year") was put; awaited before the put is acknowledged. The
    /// watcher may be activating first.
    /// </summary>
    [AlwaysInterleave, ResponseTimeout(GrainTimeouts.Summary)]
    Task OnFrameworkChangedAsync(string frameworkKey);

    /// <summary>
    /// The framework grain is deactivating and its next activation will not know this watcher: ask it again. One-way,
    /// so a deactivation never waits on a watcher, which may itself be waiting to watch that very framework.
    /// </summary>
    [AlwaysInterleave, OneWay]
    Task OnFrameworkLeavingAsync(string frameworkKey);
}
