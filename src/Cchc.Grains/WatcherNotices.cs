using Orleans.Utilities;

namespace Cchc.Grains;

/// <summary>How a grain that others watch (a framework, a scope's deadlines) tells its watchers of a change.</summary>
internal static class WatcherNotices
{
    /// <summary>
    /// Tells every unexpired watcher at once (a watcher may be activating first), over a copy of the list: a watcher may
    /// subscribe meanwhile. One that cannot be told is dropped (<paramref name="dropped"/> says why); it asks again when
    /// its watch is due for renewal.
    /// </summary>
    public static async Task TellAsync<T>(ObserverManager<T>? watchers, string key, Func<T, string, Task> notice, Action<T, Exception> dropped)
        where T : IAddressable
    {
        if (watchers is not { Count: > 0 })
        {
            return;
        }

        watchers.ClearExpired();
        await Task.WhenAll(watchers.ToList().Select(async watcher =>
        {
            try
            {
                await notice(watcher, key);
            }
            catch (Exception e)
            {
                dropped(watcher, e);
                watchers.Unsubscribe(watcher);
            }
        }));
    }
}
