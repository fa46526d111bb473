namespace Cchc.Core.Ranking;

/// <summary>
/// A unit's place: competition rank (1,2,2,4), dense rank (1,2,2,3), the number of rank groups (nhóm hạng),
/// the size of the unit's group and the number of units ranked. "Rank 1 of 3 groups, with 20 others" is
/// DenseRank 1, GroupCount 3, TiedWith 20.
/// </summary>
public sealed record RankAnswer(int CompetitionRank, int DenseRank, int GroupCount, int GroupSize, int UnitCount)
{
    /// <summary>How many other units share this unit's index.</summary>
    public int TiedWith => GroupSize - 1;

    /// <summary>"8/23".</summary>
    public override string ToString() => $"{CompetitionRank}/{UnitCount}";
}
