using Cchc.Core.Ranking;

namespace Cchc.Grains.Ranking;

/// <summary>
/// A place in a ranking: competition rank (1,2,2,4), dense rank (1,2,2,3), rank groups (nhóm hạng), the size of the
/// unit's group and the number of units ranked.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.RankPlace")]
public sealed record RankPlace(int CompetitionRank, int DenseRank, int GroupCount, int GroupSize, int UnitCount)
{
    public static RankPlace From(RankAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return new(answer.CompetitionRank, answer.DenseRank, answer.GroupCount, answer.GroupSize, answer.UnitCount);
    }

    public static RankPlace? FromNullable(RankAnswer? answer) => answer is null ? null : From(answer);

    public RankAnswer ToAnswer() => new(CompetitionRank, DenseRank, GroupCount, GroupSize, UnitCount);
}
