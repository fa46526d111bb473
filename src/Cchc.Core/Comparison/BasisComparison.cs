namespace Cchc.Core.Comparison;

/// <summary>A unit's comparison and the earlier scope its basis was found in (whose framework names the earlier fields).</summary>
public sealed record BasisComparison(UnitComparison Comparison, ScopeStandings Earlier);
