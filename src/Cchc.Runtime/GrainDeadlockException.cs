namespace Cchc.Runtime;

/// <summary>
/// A grain call would wait on itself: a grain earlier in the awaited call chain is busy running the very call
/// that waits for this one, and grains run one call at a time. Raised at once instead of hanging.
/// </summary>
public sealed class GrainDeadlockException : Exception
{
    public GrainDeadlockException()
        : this("A grain call would wait on itself.")
    {
    }

    public GrainDeadlockException(string message)
        : base(message)
    {
    }

    public GrainDeadlockException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GrainDeadlockException(IReadOnlyList<GrainId> callChain, string method)
        : base(Describe(callChain, method))
    {
        CallChain = callChain;
    }

    /// <summary>The awaited chain, first caller first, ending with the grain that was called again.</summary>
    public IReadOnlyList<GrainId> CallChain { get; } = [];

    private static string Describe(IReadOnlyList<GrainId> callChain, string method)
    {
        ArgumentNullException.ThrowIfNull(callChain);
        var target = callChain.Count > 0 ? callChain[^1].ToString() : "(unknown)";
        return $"Grain call deadlock: {string.Join(" → ", callChain)} ({method}). Grain '{target}' is busy " +
               "running the call that is waiting for this one, and a grain runs one call at a time. Make the " +
               "call back one-way ([OneWay] or InvokeOneWay) or do not call back into a grain up the chain.";
    }
}
