namespace Cchc.Observability;

/// <summary>How often storage is pinged, how long a ping may take, and the clock both run on.</summary>
public sealed record StorageHealthMonitorOptions
{
    /// <summary>Time between pings; the first runs at start.</summary>
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>A ping slower than this counts as a failure.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(3);

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>The storage's provider name, for the log lines ("sqlite", "postgresql").</summary>
    public string ProviderName { get; init; } = "storage";
}
