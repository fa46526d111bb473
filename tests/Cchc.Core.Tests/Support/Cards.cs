using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;
using Cchc.Core.Scoring;

namespace Cchc.Core.Tests.Support;

/// <summary>Builds scorecards tersely: appraised points per leaf, everything else at full points.</summary>
internal static class Cards
{
    public static readonly Period Year2022 = Period.Annual(2022);

    public static ItemEntry Appraised(decimal points) => new() { Appraisal1 = new PointsInput(points) };

    /// <summary>Every leaf appraised at its maximum (survey items given full survey points), then the overrides.</summary>
    public static Scorecard Full(Framework framework, string code, string name, Period? period = null, params (string Code, ItemEntry Entry)[] overrides)
    {
        var items = new Dictionary<string, ItemEntry>(StringComparer.Ordinal);
        foreach (var leaf in framework.Leaves.Where(l => l.Role == ItemRole.Regular))
        {
            items[leaf.Code] = framework.IsSurveyBased(leaf.Code)
                ? new ItemEntry { SurveyPoints = leaf.Max }
                : Appraised(leaf.Max);
        }

        foreach (var (itemCode, entry) in overrides)
        {
            items[itemCode] = entry;
        }

        return new Scorecard(code, name, period ?? Year2022, items);
    }

    /// <summary>A card that loses exactly <paramref name="lost"/> points on the 14-point item 3.2.4 of Thái Nguyên or item 3 of Hải Dương.</summary>
    public static ScorecardResult Losing(Framework framework, string leafCode, string code, string name, decimal lost, Period? period = null)
    {
        var max = framework.Node(leafCode).Max;
        return ScorecardCalculator.Compute(framework, Full(framework, code, name, period, (leafCode, Appraised(max - lost))));
    }
}
