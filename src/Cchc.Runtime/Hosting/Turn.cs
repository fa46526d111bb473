namespace Cchc.Runtime.Hosting;

/// <summary>One unit of work in an activation's mailbox: a call, a one-way call, a timer tick or a deactivation.</summary>
internal abstract class Turn(CallChainEntry? caller)
{
    /// <summary>The turn awaiting this one, if any (for deadlock detection further down the chain).</summary>
    public CallChainEntry? Caller { get; } = caller;

    /// <summary>Runs the turn on the activation. Never throws: each kind reports its own failure.</summary>
    public abstract Task ExecuteAsync(ActivationData activation);

    /// <summary>The turn will never run because the activation could not be created.</summary>
    public abstract void Fail(ActivationData activation, Exception error);
}
