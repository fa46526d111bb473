namespace Cchc.Grains.Ranking;

/// <summary>
/// A scope's progress at ranking version <see cref="Version"/>: the totals over every member commune, and the rows
/// asked for (every member, or one), in Vietnamese order of names, then by code.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.ProgressView")]
public sealed record ProgressView(long Version, ProgressTotals Totals, IReadOnlyList<CommuneProgressRow> Communes);
