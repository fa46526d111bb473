using System.Globalization;

namespace Cchc.Core.Scoring;

/// <summary>Shared arithmetic of bonus and penalty counts: count × per count, capped.</summary>
internal static class CappedCount
{
    public static IEnumerable<string> Problems(decimal? pointsPerCount)
    {
        if (pointsPerCount is { } per && per <= 0)
        {
            yield return $"the points per count {per.ToString(CultureInfo.InvariantCulture)} must be positive";
        }
    }

    public static LeafScore Score(string itemCode, decimal cap, CountInput count, decimal per)
    {
        if (count.Count < 0)
        {
            var text = count.Count.ToString(CultureInfo.InvariantCulture);
            throw new ScoreInputException(itemCode, text, $"Item {itemCode}: the count {text} is negative.");
        }

        return LeafScore.Of(OfficialFigure.Round(Math.Min(cap, count.Count * per)));
    }
}
