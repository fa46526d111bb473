namespace Cchc.Server.Tests;

/// <summary>A cell as LibreOffice saved it: its value type ("float", "string"), its numeric value and its shown text.</summary>
internal sealed record FodsCell(string? ValueType, decimal? Value, string Text)
{
    public bool IsEmpty => ValueType is null && Text.Length == 0;

    /// <summary>The cell's number, failing unless LibreOffice read it as a number (not text that looks like one).</summary>
    public decimal Number => ValueType == "float" && Value is { } value
        ? value
        : throw new InvalidOperationException($"The cell '{Text}' is {ValueType ?? "empty"}, not a number.");
}
