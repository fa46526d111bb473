namespace Cchc.Security.Policy;

/// <summary>ListUnits: the official unit registry (codes and names), public information.</summary>
public sealed record ReadUnits : CchcOperation
{
    public override string Description => "list units";
}
