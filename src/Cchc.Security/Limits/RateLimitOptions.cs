namespace Cchc.Security.Limits;

/// <summary>A token bucket per principal: a steady rate with room for a burst.</summary>
public sealed record RateLimitOptions
{
    /// <summary>Calls a principal may make each second, on average.</summary>
    public int PermitsPerSecond { get; init; } = 50;

    /// <summary>Calls a principal may make at once after being idle (the bucket's size).</summary>
    public int Burst { get; init; } = 100;
}
