namespace Cchc.Runtime;

/// <summary>Why an activation is being deactivated, with words for the log.</summary>
public readonly record struct DeactivationReason(DeactivationReasonCode ReasonCode, string Description)
{
    public override string ToString() => $"{ReasonCode}: {Description}";
}
