namespace Cchc.Runtime;

/// <summary>
/// A grain could not be activated (its factory, a state read or OnActivateAsync failed). The calls waiting for
/// that activation get this; the next call tries a fresh activation.
/// </summary>
public sealed class GrainActivationException : Exception
{
    public GrainActivationException()
        : base("A grain could not be activated.")
    {
    }

    public GrainActivationException(string message)
        : base(message)
    {
    }

    public GrainActivationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public GrainActivationException(GrainId grainId, Exception innerException)
        : base($"Activating grain '{grainId}' failed: {innerException?.Message} The call was not run; " +
               "the next call tries a fresh activation.", innerException)
    {
        GrainId = grainId;
    }

    public GrainId? GrainId { get; }
}
