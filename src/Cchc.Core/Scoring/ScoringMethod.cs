using System.Globalization;

namespace Cchc.Core.Scoring;

/// <summary>
/// How a leaf turns one stage's input into points. Every method accepts <see cref="PointsInput"/>; each also
/// accepts its own statistic. Points computed from a statistic are rounded to two decimals here, at the item,
/// because item points are themselves published figures (the appraisal table shows "408/637 → 0.64 of 1"),
/// and a total that officers can re-add from the table is worth more than the fourth decimal. The index is
/// then computed from these item points and rounded once more, from exact sums, in its own right.
/// </summary>
public abstract record ScoringMethod
{
    private protected ScoringMethod()
    {
    }

    /// <summary>Short English description used in messages, e.g. "ratio b/a × max".</summary>
    public abstract string Description { get; }

    public virtual ItemRole Role => ItemRole.Regular;

    /// <summary>Scores one stage of item <paramref name="itemCode"/> whose maximum (or cap) is <paramref name="max"/>.</summary>
    /// <exception cref="ScoreInputException">The input is invalid for this method; the message names item and value.</exception>
    public LeafScore Score(string itemCode, decimal max, ScoreInput input)
    {
        ArgumentNullException.ThrowIfNull(itemCode);
        ArgumentNullException.ThrowIfNull(input);
        return input is PointsInput direct ? LeafScore.Of(CheckPoints(itemCode, max, direct.Points)) : ScoreStatistic(itemCode, max, input);
    }

    /// <summary>Checks points given directly (also survey points): within [0, max], at most two decimals.</summary>
    /// <exception cref="ScoreInputException">The points are out of range or too precise.</exception>
    public static decimal CheckPoints(string itemCode, decimal max, decimal points)
    {
        if (points >= 0 && points <= max && OfficialFigure.IsOfficial(points))
        {
            return points;
        }

        var text = Text(points);
        var problem = points < 0 ? $"are negative; points lie between 0 and {Text(max)}"
            : points > max ? $"are above the maximum {Text(max)}"
            : "have more than two decimals";
        throw new ScoreInputException(itemCode, text, $"Item {itemCode}: points {text} {problem}.");
    }

    /// <summary>Problems with the method's own parameters for a leaf of this maximum; empty when it is usable.</summary>
    public virtual IEnumerable<string> ParameterProblems(decimal max) => [];

    private protected abstract LeafScore ScoreStatistic(string itemCode, decimal max, ScoreInput input);

    /// <param name="statistic">The statistic the method accepts besides points, or null when it takes points only.</param>
    private protected ScoreInputException WrongInput(string itemCode, ScoreInput input, string? statistic) =>
        new(itemCode, input.Describe(), $"Item {itemCode} is scored by {Description}; it takes {(statistic is null ? "points" : "points or " + statistic)}, not {input.Describe()}.");

    private protected static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
