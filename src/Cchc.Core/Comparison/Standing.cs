using Cchc.Core.Ranking;

namespace Cchc.Core.Comparison;

/// <summary>A unit's figures in one scope and period; <see cref="Rank"/> is null when it was not ranked.</summary>
public sealed record Standing(string UnitCode, string Name, decimal? Index, string? ClassName, RankAnswer? Rank);
