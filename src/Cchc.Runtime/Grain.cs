using Cchc.Runtime.Hosting;

namespace Cchc.Runtime;

/// <summary>
/// Base class of grain implementations, shaped like Orleans' <c>Grain</c>. An activation runs one turn at a time
/// (a call, a one-way call or a timer tick), in arrival order, so grain code needs no locks.
/// </summary>
public abstract class Grain : IAddressable
{
    private ActivationData? _activation;

    public GrainId GrainId => Activation.GrainId;

    /// <summary>References to other grains (and to this one; but awaiting a call to yourself deadlocks).</summary>
    protected IGrainFactory GrainFactory => Activation.GrainFactory;

    private ActivationData Activation => _activation ?? throw new InvalidOperationException(
        $"{GetType().Name} is not attached to an activation yet: grain identity, factory and timers are " +
        "available from OnActivateAsync on, not in the constructor (use IGrainContext there).");

    /// <summary>Runs after the persistent states are read and before the first call.</summary>
    public virtual Task OnActivateAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs as the activation's last turn; changed persistent states are written after it.</summary>
    public virtual Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        Task.CompletedTask;

    /// <summary>Deactivates this activation once the current turn ends; later calls get a fresh activation.</summary>
    protected void DeactivateOnIdle() => Activation.RequestDeactivateOnIdle();

    /// <summary>
    /// A timer whose ticks run as turns of this activation, one at a time with calls; the next tick is due
    /// <paramref name="period"/> after the previous one finished (<see cref="Timeout.InfiniteTimeSpan"/>: once).
    /// A failing tick is logged and the timer goes on.
    /// </summary>
    protected IGrainTimer RegisterGrainTimer(Func<CancellationToken, Task> callback, TimeSpan dueTime, TimeSpan period)
    {
        ArgumentNullException.ThrowIfNull(callback);
        return Activation.RegisterTimer(callback, dueTime, period);
    }

    internal void Attach(ActivationData activation) => _activation = activation;
}
