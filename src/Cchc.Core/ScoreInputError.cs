namespace Cchc.Core;

/// <summary>One rejected input: the item it belongs to (null when it concerns the whole card), the value as given, and why.</summary>
public sealed record ScoreInputError(string? ItemCode, string? Value, string Message)
{
    public override string ToString() => Message;
}
