namespace Cchc.Runtime;

/// <summary>A grain addressed by a string key, e.g. "05914/2024-Y".</summary>
#pragma warning disable CA1040 // A marker, as in Orleans.
public interface IGrainWithStringKey : IGrain;
#pragma warning restore CA1040
