namespace Cchc.Runtime.Hosting;

internal static class TimeProviderExtensions
{
    /// <summary>
    /// A stopped timer that does not capture the creator's ExecutionContext: its callback only queues work, and a
    /// captured grain call chain must not leak into it.
    /// </summary>
    public static ITimer CreateTimerWithoutContext(this TimeProvider timeProvider, TimerCallback callback, object state)
    {
        if (ExecutionContext.IsFlowSuppressed())
        {
            return timeProvider.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        using (ExecutionContext.SuppressFlow())
        {
            return timeProvider.CreateTimer(callback, state, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }
    }
}
