using System.Diagnostics;

namespace Cchc.Cluster.Tests;

/// <summary>Waits for an outside process to reach a state by asking again until a deadline; never a fixed sleep.</summary>
internal static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    /// <returns>How long it took.</returns>
    /// <exception cref="TimeoutException">The state was not reached in time; the message says what was last seen.</exception>
    public static async Task<TimeSpan> UntilAsync(string what, TimeSpan deadline, Func<Task<bool>> reached, Func<string>? lastSeen = null) =>
        await WithinAsync(deadline, reached)
            ?? throw new TimeoutException($"{what}: not reached within {deadline.TotalSeconds:0.#} s. {lastSeen?.Invoke()}");

    /// <returns>How long it took, or null when the deadline passed first (the caller reports the figures).</returns>
    public static async Task<TimeSpan?> WithinAsync(TimeSpan deadline, Func<Task<bool>> reached)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (await reached())
            {
                return clock.Elapsed;
            }

            if (clock.Elapsed > deadline)
            {
                return null;
            }

            await Task.Delay(Interval);
        }
    }
}
