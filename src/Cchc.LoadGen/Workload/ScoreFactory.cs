using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.LoadGen.Workload;

/// <summary>
/// Plausible scores, repeatable from the commune's code: each commune has a quality its self-assessment
/// follows, items carry a statistic in the form their method takes (b/a from report tables, counts, faults,
/// yes/no, points) and one evidence document reference, as the commune's report lists them.
/// </summary>
internal static class ScoreFactory
{
    public static readonly Period Period = new() { Year = 2024, Kind = PeriodKind.Year };

    public static SubmitScoresRequest SelfAssessment(string commune, BenchFramework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var random = new Random(Seed(commune));
        var quality = 0.55 + (0.4 * random.NextDouble());
        var request = new SubmitScoresRequest
        {
            CommuneCode = commune,
            Period = Period,
            Stage = Stage.SelfAssessment,
            IdempotencyKey = $"bench-self-{commune}",
        };
        foreach (var leaf in framework.SelfAssessed)
        {
            var share = Math.Clamp(quality + ((random.NextDouble() - 0.5) * 0.3), 0, 1);
            var item = new ItemScore { ItemCode = leaf.Code };
            switch (leaf.Method.MethodCase)
            {
                case LeafMethod.MethodOneofCase.Ratio:
                    var denominator = random.Next(12, 900);
                    item.Ratio = new RatioInput { Numerator = (long)Math.Round(denominator * share), Denominator = denominator };
                    break;
                case LeafMethod.MethodOneofCase.CountTarget:
                    item.Count = (int)Math.Round(leaf.Method.CountTarget.Target * share);
                    break;
                case LeafMethod.MethodOneofCase.Deduction:
                    item.Faults = random.NextDouble() < (1 - quality) * 1.5 ? random.Next(1, 3) : 0;
                    break;
                case LeafMethod.MethodOneofCase.YesNo:
                    item.Yes = random.NextDouble() < 0.5 + (0.5 * quality);
                    break;
                case LeafMethod.MethodOneofCase.Bonus or LeafMethod.MethodOneofCase.Penalty:
                    var capped = leaf.Method.Bonus ?? leaf.Method.Penalty;
                    if (capped.PointsPerCount.Length > 0)
                    {
                        item.Count = random.Next(0, 2);
                    }
                    else
                    {
                        item.Points = random.Next(0, 2) == 0 ? "0" : "0.5";
                    }

                    break;
                default:
                    item.Points = Points(leaf, (int)Math.Round(leaf.QuarterSteps * share));
                    break;
            }

            item.Evidence.Add($"Báo cáo số {random.Next(1, 300)}/BC-UBND");
            request.Items.Add(item);
        }

        return request;
    }

    /// <summary>One council re-score (round 1) of one item, in points, with its comment.</summary>
    public static SubmitScoresRequest Appraisal(string commune, BenchLeaf leaf, int quarters, string key)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        var request = new SubmitScoresRequest
        {
            CommuneCode = commune,
            Period = Period,
            Stage = Stage.AppraisalRound1,
            IdempotencyKey = key,
        };
        request.Items.Add(new ItemScore
        {
            ItemCode = leaf.Code,
            Points = Points(leaf, quarters),
            Comment = "Tài liệu kiểm chứng chưa đầy đủ; hội đồng chấm lại.",
        });
        return request;
    }

    public static string Points(BenchLeaf leaf, int quarters)
    {
        ArgumentNullException.ThrowIfNull(leaf);
        return Math.Min(leaf.Max, quarters / 4m).ToString(CultureInfo.InvariantCulture);
    }

    // string.GetHashCode is randomized per process; a run must be repeatable.
    private static int Seed(string code) => int.Parse(code, CultureInfo.InvariantCulture) * 7919;
}
