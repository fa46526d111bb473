namespace Cchc.Runtime.Hosting;

/// <summary>
/// One link of the awaited call chain: "activation X is running turn N". It flows with the turn's code through
/// an AsyncLocal, so a call made from inside a grain knows which turns up the chain are waiting for it.
/// One-way calls and timer ticks start a new chain: nobody waits for them.
/// </summary>
internal sealed class CallChainEntry(ActivationData activation, long turnId, CallChainEntry? parent)
{
    private static readonly AsyncLocal<CallChainEntry?> CurrentSlot = new();

    public static CallChainEntry? Current
    {
        get => CurrentSlot.Value;
        set => CurrentSlot.Value = value;
    }

    public ActivationData Activation { get; } = activation;

    public CallChainEntry? Parent { get; } = parent;

    /// <summary>True while the turn still runs, i.e. it is (or may be) waiting on the call being made.</summary>
    public bool IsRunning => Activation.CurrentTurnId == turnId;

    /// <summary>A deadlock error if <paramref name="target"/> is busy with a turn up this chain, else null.</summary>
    public static GrainDeadlockException? FindDeadlock(CallChainEntry? caller, GrainId target, string method)
    {
        for (var entry = caller; entry is not null; entry = entry.Parent)
        {
            if (entry.Activation.GrainId == target && entry.IsRunning)
            {
                var chain = new List<GrainId>();
                for (var link = caller; link is not null; link = link.Parent)
                {
                    chain.Add(link.Activation.GrainId);
                }

                chain.Reverse();
                chain.Add(target);
                return new GrainDeadlockException(chain, method);
            }
        }

        return null;
    }
}
