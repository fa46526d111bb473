using Cchc.Runtime.Hosting;

namespace Cchc.Runtime;

/// <summary>Orleans-style helpers on grains and grain references.</summary>
public static class GrainExtensions
{
    public static GrainId GetGrainId(this IAddressable grain) => grain switch
    {
        null => throw new ArgumentNullException(nameof(grain)),
        Grain instance => instance.GrainId,
        GrainReference reference => reference.GrainId,
        _ => throw new ArgumentException(
            $"{grain.GetType().Name} is neither a grain nor a reference from IGrainFactory.GetGrain.", nameof(grain)),
    };

    /// <summary>The key the grain was addressed with, e.g. "05914/2024-Y".</summary>
    public static string GetPrimaryKeyString(this IAddressable grain) => grain.GetGrainId().Key;

    /// <summary>
    /// Queues <paramref name="call"/> as a one-way turn of the referenced grain and returns at once: ordered after
    /// everything this caller queued there before, not awaited, its failure logged and counted (never lost
    /// silently). Use it where a grain notifies another without waiting its turn; a call back up an awaited
    /// chain is fine this way. Throws <see cref="GrainRuntimeStoppedException"/> if the runtime is not taking calls.
    /// </summary>
    public static void InvokeOneWay<TGrainInterface>(this TGrainInterface grain, Func<TGrainInterface, Task> call)
        where TGrainInterface : IGrain
    {
        ArgumentNullException.ThrowIfNull(call);
        if (grain is not GrainReference reference)
        {
            throw new ArgumentException(
                "InvokeOneWay needs a reference from IGrainFactory.GetGrain, not a grain instance.", nameof(grain));
        }

        var name = $"{typeof(TGrainInterface).Name} (one-way)";
        if (reference.Runtime.CheckOneWay(reference.GrainId, name) is { } error)
        {
            throw error;
        }

        reference.Runtime.Submit(reference.GrainId, reference.GrainType,
            new OneWayTurn(name, instance => call((TGrainInterface)instance)));
    }
}
