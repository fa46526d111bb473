using System.Globalization;

namespace Cchc.Core.Scoring;

/// <summary>
/// The outcome of scoring one stage of a leaf: points, or "not applicable" (the item leaves the evaluation).
/// A value type: a province scores a million of these in one pass.
/// </summary>
public readonly record struct LeafScore
{
    private LeafScore(decimal? points) => Points = points;

    /// <summary>The item is not applicable, e.g. a ratio whose denominator is 0.</summary>
    public static LeafScore NotApplicable => default;

    /// <summary>Null when the item is not applicable.</summary>
    public decimal? Points { get; }

    public bool IsApplicable => Points.HasValue;

    public static LeafScore Of(decimal points) => new(points);

    public override string ToString() => Points?.ToString(CultureInfo.InvariantCulture) ?? "n/a";
}
