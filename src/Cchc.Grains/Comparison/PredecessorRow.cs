namespace Cchc.Grains.Comparison;

/// <summary>
/// An old unit a merged commune was formed from, with its own period-A figures and the rank it held in its old
/// province (of <see cref="UnitCountA"/> ranked); <see cref="Contributed"/> marks those the commune's period-A figure
/// is formed from.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.PredecessorRow")]
public sealed record PredecessorRow(string Code, string Name, bool Whole, bool Contributed, decimal? IndexA, string? ClassA, int? RankA, int? UnitCountA = null);
