using System.Globalization;
using System.Text;
using Cchc.Api.V1;
using Cchc.Cli.Frameworks;

namespace Cchc.Cli.Tests;

public sealed class SampleFrameworkTests
{
    [Fact]
    public async Task The_Hai_Duong_2022_framework_has_the_ten_fields_of_the_real_one()
    {
        var framework = await FrameworkFile.ReadAsync(Samples.Framework, CancellationToken.None);

        Assert.Equal("Bộ chỉ số cải cách hành chính cấp xã tỉnh Hải Dương năm 2022", framework.Title);
        Assert.Equal(Enumerable.Range(1, 10).Select(i => i.ToString(CultureInfo.InvariantCulture)), framework.Fields.Select(f => f.Code));
        Assert.Equal([15m, 5m, 18.5m, 6m, 11m, 7m, 11.5m, 2m, 14m, 10m], framework.Fields.Select(f => Max(f)));
        Assert.Equal(["Xuất sắc", "Tốt", "Khá", "Trung bình", "Yếu"], framework.Bands.Select(b => b.Name));
        Assert.True(framework.Fields[8].SurveyBased);
        Assert.True(framework.Fields[9].SurveyBased);
    }

    [Fact]
    public async Task Every_parent_is_the_sum_of_its_children_and_the_fields_add_up_to_100()
    {
        var framework = await FrameworkFile.ReadAsync(Samples.Framework, CancellationToken.None);
        var problems = new List<string>();
        var leaves = 0;

        void Check(FrameworkNode node)
        {
            if (node.Children.Count == 0)
            {
                leaves++;
                if (node.Method is null || node.Method.MethodCase == LeafMethod.MethodOneofCase.None)
                {
                    problems.Add($"{node.Code} has no method");
                }

                return;
            }

            var sum = node.Children.Where(IsRegular).Sum(Max);
            if (sum != Max(node))
            {
                problems.Add($"{node.Code}: max {Max(node)} but children add up to {sum}");
            }

            foreach (var child in node.Children)
            {
                if (!child.Code.StartsWith(node.Code + ".", StringComparison.Ordinal))
                {
                    problems.Add($"{child.Code} does not extend {node.Code}");
                }

                Check(child);
            }
        }

        foreach (var field in framework.Fields)
        {
            Check(field);
        }

        Assert.Empty(problems);
        Assert.Equal(100m, framework.Fields.Where(IsRegular).Sum(Max));
        Assert.Equal("100", framework.TotalPoints);
        Assert.InRange(leaves, 40, 90);
    }

    [Fact]
    public async Task The_items_of_the_real_reports_are_there_with_their_methods()
    {
        var framework = await FrameworkFile.ReadAsync(Samples.Framework, CancellationToken.None);
        var nodes = All(framework.Fields).ToDictionary(n => n.Code);

        Assert.Equal(nodes.Count, All(framework.Fields).Count());
        Assert.Equal((2.5m, 4), (Max(nodes["1.5"]), nodes["1.5"].Children.Count));
        Assert.Equal((1m, 5), (Max(nodes["1.6"]), nodes["1.6"].Method.CountTarget.Target));
        Assert.Equal((3m, "0.5"), (Max(nodes["1.7"]), nodes["1.7"].Method.Deduction.PointsPerFault));
        Assert.Equal("0.7", nodes["3.2.6"].Method.Ratio.Threshold);
        Assert.Equal(LeafMethod.MethodOneofCase.Ratio, nodes["3.2.4"].Method.MethodCase);
        Assert.Equal(["7.1.1", "7.1.2", "7.1.3", "7.1.4", "7.1.5", "7.1.6", "7.1.7"], nodes["7.1"].Children.Select(c => c.Code));
        Assert.Equal(LeafMethod.MethodOneofCase.Bonus, nodes["1.8"].Method.MethodCase);
        Assert.Equal("0.5", nodes["3.3"].Method.Penalty.PointsPerCount);
        Assert.All(nodes.Values, n => Assert.True(n.Name.IsNormalized(NormalizationForm.FormC), n.Code));
    }

    [Fact]
    public async Task Every_item_of_the_sample_scores_file_is_a_leaf_of_the_sample_framework()
    {
        var framework = await FrameworkFile.ReadAsync(Samples.Framework, CancellationToken.None);
        var scores = await Cchc.Cli.Scores.ScoreCsv.ReadFileAsync(Samples.SelfScores, Stage.SelfAssessment, CancellationToken.None);
        var leaves = All(framework.Fields).Where(n => n.Children.Count == 0).ToList();

        var selfScored = leaves.Where(l => !l.Code.StartsWith("9.", StringComparison.Ordinal) && !l.Code.StartsWith("10.", StringComparison.Ordinal));
        Assert.Equal(selfScored.Select(l => l.Code).Order(StringComparer.Ordinal), scores.Items.Select(i => i.ItemCode).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_misspelt_field_is_refused_with_the_file_named()
    {
        var ex = Assert.Throws<CliInputException>(() => FrameworkFile.Parse("""{"title":"x","fields":[{"code":"1","maxPoint":"15"}]}""", "f.json"));

        Assert.Contains("'f.json'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("maxPoint", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Broken_json_is_refused_with_the_file_named()
    {
        var ex = Assert.Throws<CliInputException>(() => FrameworkFile.Parse("""{"title": """, "f.json"));

        Assert.Contains("'f.json' is not", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_json_written_by_framework_show_reads_back_the_same()
    {
        var framework = await FrameworkFile.ReadAsync(Samples.Framework, CancellationToken.None);

        Assert.Equal(framework, FrameworkFile.Parse(FrameworkFile.Format(framework), "round trip"));
    }

    private static bool IsRegular(FrameworkNode node) =>
        node.Method?.MethodCase is not (LeafMethod.MethodOneofCase.Bonus or LeafMethod.MethodOneofCase.Penalty);

    private static decimal Max(FrameworkNode node) => decimal.Parse(node.MaxPoints, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    private static IEnumerable<FrameworkNode> All(IEnumerable<FrameworkNode> nodes) => nodes.SelectMany(n => All(n.Children).Prepend(n));
}
