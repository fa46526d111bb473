namespace Cchc.Core.Comparison;

/// <summary>
/// An old unit a new (post-merger) unit was formed from. <see cref="Whole"/> is false when only part of it joined
/// (type "partial" in the merge data). The merge data gives no population or area, so predecessors carry no weight.
/// </summary>
public sealed record Predecessor(string UnitCode, string Name, bool Whole = true);
