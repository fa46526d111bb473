using System.Globalization;

namespace Cchc.Core.Scoring;

/// <summary>Points given directly, accepted by every method; they must lie in [0, max] with at most two decimals.</summary>
public sealed record PointsInput(decimal Points) : ScoreInput
{
    public override string Describe() => Points.ToString(CultureInfo.InvariantCulture);
}
