namespace Cchc.Cluster.Tests;

/// <summary>A framework leaf scored with manual points (0 to <paramref name="Max"/>), which the council re-scores.</summary>
internal sealed record ManualLeaf(string Code, decimal Max);
