using System.Text.Json;

namespace Cchc.Runtime;

/// <summary>Runtime settings. Names follow Orleans' GrainCollectionOptions and SiloMessagingOptions.</summary>
public sealed class GrainRuntimeOptions
{
    /// <summary>An activation that has had no call for this long is deactivated (its changed state written first).</summary>
    public TimeSpan CollectionAge { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often idle activations are looked for.</summary>
    public TimeSpan CollectionQuantum { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// How long a caller waits for a call's result before a <see cref="TimeoutException"/>
    /// (<see cref="Timeout.InfiniteTimeSpan"/>: forever). The call itself stays queued and still runs.
    /// </summary>
    public TimeSpan ResponseTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How persistent states are written as JSON. Add a source-generated context here if wanted.</summary>
    public JsonSerializerOptions JsonSerializerOptions { get; set; } = new(JsonSerializerDefaults.Web);

    internal void Validate()
    {
        if (CollectionAge <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"CollectionAge must be positive; it is {CollectionAge}.");
        }

        if (CollectionQuantum <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"CollectionQuantum must be positive; it is {CollectionQuantum}.");
        }

        if (ResponseTimeout <= TimeSpan.Zero && ResponseTimeout != Timeout.InfiniteTimeSpan)
        {
            throw new InvalidOperationException(
                $"ResponseTimeout must be positive or Timeout.InfiniteTimeSpan; it is {ResponseTimeout}.");
        }

        if (JsonSerializerOptions is null)
        {
            throw new InvalidOperationException("JsonSerializerOptions must be set.");
        }
    }
}
