namespace Cchc.Runtime;

/// <summary>Why an activation is being deactivated. Names follow Orleans.</summary>
public enum DeactivationReasonCode
{
    None = 0,

    /// <summary>No call arrived for the grain's collection age.</summary>
    ActivationIdle,

    /// <summary>The grain called <see cref="Grain.DeactivateOnIdle"/>.</summary>
    ApplicationRequested,

    /// <summary>The runtime is stopping.</summary>
    ShuttingDown,
}
