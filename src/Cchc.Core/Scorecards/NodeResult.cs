namespace Cchc.Core.Scorecards;

/// <summary>
/// A node's figures on a scorecard. For the whole card <see cref="Code"/> is "" and <see cref="Depth"/> 0.
/// <see cref="Lost"/> is what was lost of the evaluated maximum (a penalty included); a bonus or penalty leaf
/// shows its signed effect in <see cref="Achieved"/> and has no evaluated maximum.
/// </summary>
public sealed record NodeResult(
    string Code,
    string Name,
    int Depth,
    decimal Max,
    decimal EvaluatedMax,
    decimal Achieved,
    decimal Lost,
    decimal AppraisalDeduction,
    bool IsProvisional)
{
    /// <summary>Achieved / evaluated maximum × 100, rounded once (two decimals); null when nothing under it was evaluated.</summary>
    public decimal? Index => EvaluatedMax > 0 ? OfficialFigure.Round(Achieved * 100m / EvaluatedMax) : null;
}
