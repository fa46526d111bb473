using System.Globalization;
using Cchc.Api.V1;
using Cchc.Core.Scoring;
using CoreRatioInput = Cchc.Core.Scoring.RatioInput;

namespace Cchc.Server.Tests;

/// <summary>A random but valid value for a leaf, both as the API sends it and as the core scores it.</summary>
internal static class ScoreDraw
{
    public static (ItemScore Api, ScoreInput Core) Draw(SeasonFramework.Spec leaf, Random random, bool survey = false)
    {
        var item = new ItemScore { ItemCode = leaf.Code };
        ScoreInput input;
        switch (survey ? "points" : leaf.Kind)
        {
            case "manual" or "points" or "penalty":
                var step = leaf.Kind == "penalty" || survey ? 0.5m : 0.25m;
                var points = step * random.Next(0, (int)(leaf.Max / step) + 1);
                item.Points = points.ToString("0.00", CultureInfo.InvariantCulture);
                input = new PointsInput(points);
                break;
            case "yes-no":
                var yes = random.Next(4) > 0;
                item.Yes = yes;
                input = new YesNoInput(yes);
                break;
            case "deduction":
                var faults = random.Next(0, 5);
                item.Faults = faults;
                input = new FaultsInput(faults);
                break;
            case "count" or "bonus":
                var count = random.Next(0, (int)(leaf.Parameter ?? 3) + 2);
                item.Count = count;
                input = new CountInput(count);
                break;
            case "ratio" or "ratio-full":
                var a = random.Next(6) == 0 ? 0 : random.Next(1, 60);
                var b = a == 0 ? 0 : random.Next(0, a + 1);
                item.Ratio = new Api.V1.RatioInput { Numerator = b, Denominator = a };
                input = new CoreRatioInput(b, a);
                break;
            default:
                throw new InvalidOperationException(leaf.Kind);
        }

        return (item, input);
    }
}
