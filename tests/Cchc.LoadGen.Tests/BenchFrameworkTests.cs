using System.Globalization;
using Cchc.Api.V1;
using Cchc.LoadGen.Workload;

namespace Cchc.LoadGen.Tests;

public sealed class BenchFrameworkTests
{
    private static readonly string Sample = Path.Combine(AppContext.BaseDirectory, "samples", "framework-hai-duong-2022.json");

    [Fact]
    public async Task The_benchmark_framework_has_100_leaves_and_every_parent_still_adds_up()
    {
        var framework = await BenchFramework.LoadAsync(Sample, BenchFramework.DefaultLeafCount, CancellationToken.None);

        Assert.Equal(100, framework.Leaves.Count);
        Assert.Equal(91, framework.SelfAssessed.Count);
        Assert.Equal(100m, framework.Proto.Fields.Where(f => !IsOutsideTotal(f)).Sum(f => Max(f)));
        foreach (var node in framework.Proto.Fields.SelectMany(Descendants).Where(n => n.Children.Count > 0))
        {
            Assert.Equal(Max(node), node.Children.Where(c => !IsOutsideTotal(c)).Sum(Max));
            Assert.All(node.Children, c => Assert.StartsWith(node.Code + ".", c.Code, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_self_assessment_scores_every_self_assessed_leaf_repeatably()
    {
        var framework = await BenchFramework.LoadAsync(Sample, BenchFramework.DefaultLeafCount, CancellationToken.None);

        var first = ScoreFactory.SelfAssessment("14755", framework);
        var again = ScoreFactory.SelfAssessment("14755", framework);

        Assert.Equal(framework.SelfAssessed.Select(l => l.Code), first.Items.Select(i => i.ItemCode));
        Assert.Equal(first, again);
        Assert.All(first.Items.Where(i => i.ValueCase == ItemScore.ValueOneofCase.Ratio), i => Assert.InRange(i.Ratio.Numerator, 0, i.Ratio.Denominator));
    }

    private static bool IsOutsideTotal(FrameworkNode node) =>
        node.Method?.MethodCase is LeafMethod.MethodOneofCase.Bonus or LeafMethod.MethodOneofCase.Penalty;

    private static decimal Max(FrameworkNode node) => decimal.Parse(node.MaxPoints, CultureInfo.InvariantCulture);

    private static IEnumerable<FrameworkNode> Descendants(FrameworkNode node) => node.Children.SelectMany(Descendants).Prepend(node);
}
