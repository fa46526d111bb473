namespace Cchc.Core.Comparison;

/// <summary>
/// One unit across two periods: index, class and rank change overall and per field. <see cref="Earlier"/> is
/// the basis the change is measured from (the unit itself, or its chosen predecessor across a merger).
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
