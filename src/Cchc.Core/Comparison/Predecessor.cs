namespace Cchc.Core.Comparison;

/// <summary>
/// An old unit a new (post-merger) unit was formed from. <see cref="Whole"/> is false when only part of it
/// joined (type "partial" in the merge data); <see cref="Share"/> is an optional weight such as the share of
/// population the new unit took over.
/// </summary>
public sealed record Predecessor(string UnitCode, string Name, bool Whole = true, decimal? Share = null);
