using Cchc.Core.Scorecards;

namespace Cchc.Core.Ranking;

/// <summary>
/// A unit to rank: its official (two-decimal) index, or the reason it must not be ranked. A unit without an
/// index is listed apart as not ranked.
/// </summary>
public sealed record RankCandidate(string UnitCode, string Name, decimal? Index, string? ExcludedReason = null)
{
    public const string NoIndexReason = "no item evaluated";

    public bool IsRankable => ExcludedReason is null && Index is not null;

    /// <summary>The reason this unit is not ranked, or null when it is.</summary>
    public string? UnrankedReason => ExcludedReason ?? (Index is null ? NoIndexReason : null);

    /// <summary>The card's overall index.</summary>
    public static RankCandidate Overall(ScorecardResult result, string? excludedReason = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.UnitCode, result.UnitName, result.Index, excludedReason);
    }

    /// <summary>The component index of one field or criterion, for per-field ranking.</summary>
    public static RankCandidate ForNode(ScorecardResult result, string nodeCode, string? excludedReason = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new(result.UnitCode, result.UnitName, result.Node(nodeCode).Index, excludedReason);
    }
}
