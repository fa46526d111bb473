namespace Cchc.Cluster.Tests;

/// <summary>What reading every written commune back found: the items not holding their value, and each commune's index.</summary>
internal sealed record ReadBack(IReadOnlyList<string> Wrong, IReadOnlyDictionary<string, string> IndexByCommune);
