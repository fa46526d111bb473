namespace Cchc.Runtime;

/// <summary>
/// A timer owned by one activation. Each tick runs as a turn of that activation, one at a time with its calls;
/// the next tick is scheduled only after the previous one has finished. Ticks do not keep the grain active.
/// Disposing it, or deactivating the grain, stops it.
/// </summary>
public interface IGrainTimer : IDisposable
{
    /// <summary>Reschedules the timer: first tick after <paramref name="dueTime"/>, then every <paramref name="period"/>.</summary>
    void Change(TimeSpan dueTime, TimeSpan period);
}
