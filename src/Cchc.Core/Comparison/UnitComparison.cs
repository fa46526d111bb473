namespace Cchc.Core.Comparison;

/// <summary>
/// One unit across two periods: index, class and rank change overall and per field. <see cref="Earlier"/> holds the
/// earlier figures the change is measured from: the unit's own, or across the July 2025 merger the figure formed
/// from its predecessors (<see cref="MergedStandings"/>), each of which is listed in <see cref="Predecessors"/>.
/// </summary>
public sealed record UnitComparison(
    Standing Later,
    Standing? Earlier,
    IReadOnlyList<PredecessorStanding> Predecessors,
    ClassChange? ClassChange,
    IReadOnlyList<FieldComparison> Fields)
{
    public string UnitCode => Later.UnitCode;

    public string Name => Later.Name;

    public decimal? IndexChange => Later.Index - Earlier?.Index;

    public RankChange? RankChange => RankChange.Between(Earlier?.Rank, Later.Rank);
}
