namespace Cchc.Runtime;

/// <summary>
/// Identifies one grain: its type name (e.g. "commune") and its key (e.g. "05914/2024-Y"). The text form
/// "commune/05914/2024-Y" is what storage sees.
/// </summary>
public readonly record struct GrainId(string Type, string Key)
{
    public override string ToString() => $"{Type}/{Key}";
}
