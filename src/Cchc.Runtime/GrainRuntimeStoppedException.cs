namespace Cchc.Runtime;

/// <summary>The grain runtime is not taking calls: it has not been started, or it is stopping or stopped.</summary>
public sealed class GrainRuntimeStoppedException : InvalidOperationException
{
    public GrainRuntimeStoppedException()
        : base("The grain runtime is not taking calls.")
    {
    }

    public GrainRuntimeStoppedException(string message)
        : base(message)
    {
    }

    public GrainRuntimeStoppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
