using Cchc.Core.Ranking;

namespace Cchc.Grains.Ranking;

/// <summary>A member commune as a ranking candidate: its index, or the reason it is not ranked.</summary>
[GenerateSerializer, Immutable, Alias("cchc.RankingCandidate")]
public sealed record RankingCandidate(string UnitCode, string Name, decimal? Index, string? ExcludedReason)
{
    public RankCandidate ToCore() => new(UnitCode, Name, Index, ExcludedReason);

    public static RankingCandidate Of(RankCandidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return new(candidate.UnitCode, candidate.Name, candidate.Index, candidate.ExcludedReason);
    }
}
