using System.Collections.Concurrent;

namespace Cchc.Runtime.Tests;

/// <summary>
/// What the test grains report to the test, and the gates the test holds them with. Shared by all activations of
/// one test runtime.
/// </summary>
public sealed class GrainProbe
{
    private int _activations;

    public ConcurrentQueue<string> Events { get; } = new();

    public int Activations => Volatile.Read(ref _activations);

    /// <summary>Set when a grain is inside a blocking call.</summary>
    public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Blocking calls wait for this.</summary>
    public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Set when a grain's OnDeactivateAsync starts.</summary>
    public TaskCompletionSource<DeactivationReason> Deactivating { get; } =
        new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool FailActivation { get; set; }

    public void Activated(GrainId grainId, string detail)
    {
        Interlocked.Increment(ref _activations);
        Events.Enqueue($"activate {grainId} {detail}");
    }
}
