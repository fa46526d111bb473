namespace Cchc.Grains.Scoring;

/// <summary>
/// One row of a computed scorecard: the whole card ("Tổng điểm", code ""), a field, a criterion or a leaf.
/// <see cref="Max"/> is the node's maximum (điểm tối đa), <see cref="EvaluatedMax"/> the maximum of its items
/// evaluated this period; self and appraised points are summed over the evaluated leaves (a penalty subtracts),
/// null when no leaf under the node has one. <see cref="AppraisalDeduction"/> is self − appraised.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.ScorecardNodeView")]
public sealed record ScorecardNodeView(
    string Code,
    string Name,
    int Depth,
    decimal Max,
    decimal EvaluatedMax,
    decimal? SelfPoints,
    decimal? AppraisedPoints,
    decimal EffectivePoints,
    decimal LostPoints,
    decimal AppraisalDeduction,
    decimal? Index,
    bool Provisional,
    bool Evaluated,
    bool IsLeaf,
    string? CouncilComment,
    string? Explanation,
    IReadOnlyList<ScorecardNodeView> Children)
{
    public const string TotalName = "Tổng điểm";
}
