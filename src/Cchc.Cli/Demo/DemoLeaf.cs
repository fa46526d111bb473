using System.Globalization;
using Cchc.Api.V1;

namespace Cchc.Cli.Demo;

/// <summary>A leaf of a framework as the demo needs it: its code, maximum, method and whether the survey scores it.</summary>
internal sealed record DemoLeaf(string Code, string Name, decimal Max, LeafMethod Method, bool SurveyBased)
{
    /// <summary>The leaves in framework order; survey-based is inherited from a parent, as the framework defines it.</summary>
    public static IReadOnlyList<DemoLeaf> Of(Framework framework)
    {
        ArgumentNullException.ThrowIfNull(framework);
        var leaves = new List<DemoLeaf>();
        foreach (var field in framework.Fields)
        {
            Collect(field, surveyBased: false, leaves);
        }

        return leaves;
    }

    private static void Collect(FrameworkNode node, bool surveyBased, List<DemoLeaf> leaves)
    {
        surveyBased |= node.SurveyBased;
        if (node.Children.Count == 0)
        {
            var max = decimal.Parse(node.MaxPoints, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
            leaves.Add(new DemoLeaf(node.Code, node.Name, max, node.Method ?? new LeafMethod { Manual = new ManualMethod() }, surveyBased));
            return;
        }

        foreach (var child in node.Children)
        {
            Collect(child, surveyBased, leaves);
        }
    }
}
