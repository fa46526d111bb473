namespace Cchc.LoadGen.Capacity;

/// <summary>
/// One rate of the fan-out probe: appraisal writes offered and carried, and what the server counted over the same
/// interval (its delivery histogram, events offered, resyncs), with CPU of both processes.
/// </summary>
internal sealed record FanoutPoint(
    int OfferedWritesPerSecond,
    int Watchers,
    long Writes,
    long WriteErrors,
    long UpdatesApplied,
    long EventsOffered,
    long Delivered,
    long ClientUpdates,
    long Resyncs,
    double Seconds,
    double DrainSeconds,
    double ServerCpuSeconds,
    double ClientCpuSeconds)
{
    /// <summary>Deliveries per second over the writes' interval and the drain after it.</summary>
    public double DeliveredPerSecond => Delivered / (Seconds + DrainSeconds);

    /// <summary>Server CPU per delivery, microseconds (writes and their storage included).</summary>
    public double ServerMicrosecondsPerDelivery => Delivered == 0 ? 0 : ServerCpuSeconds * 1e6 / Delivered;
}
