using System.Globalization;
using Cchc.Api.V1;
using Google.Protobuf;

namespace Cchc.LoadGen.Workload;

/// <summary>
/// The framework every province gets: the real Hải Dương 2022 commune framework (77 leaves, deploy/samples)
/// with sub-criteria added under some items, as a district may add its own, to reach the size of the larger
/// provincial frameworks (100 leaves, 91 of them self-assessed by the commune, 9 survey-based).
/// </summary>
internal sealed class BenchFramework
{
    public const int DefaultLeafCount = 100;

    private BenchFramework(Framework framework)
    {
        Proto = framework;
        var leaves = new List<BenchLeaf>();
        foreach (var field in framework.Fields)
        {
            Collect(field, false, leaves);
        }

        Leaves = leaves;
        SelfAssessed = [.. leaves.Where(l => !l.SurveyBased)];
        Appraisable = [.. leaves.Where(l => !l.SurveyBased && l.Method.MethodCase is not (LeafMethod.MethodOneofCase.Bonus or LeafMethod.MethodOneofCase.Penalty))];
    }

    public Framework Proto { get; }

    public IReadOnlyList<BenchLeaf> Leaves { get; }

    /// <summary>The leaves a commune scores itself (not survey-based).</summary>
    public IReadOnlyList<BenchLeaf> SelfAssessed { get; }

    /// <summary>The regular self-assessed leaves a council re-scores with points.</summary>
    public IReadOnlyList<BenchLeaf> Appraisable { get; }

    public static async Task<BenchFramework> LoadAsync(string samplePath, int leafCount, CancellationToken cancellationToken)
    {
        var json = await File.ReadAllTextAsync(samplePath, cancellationToken);
        var framework = new JsonParser(JsonParser.Settings.Default).Parse<Framework>(json);
        var count = framework.Fields.Sum(CountLeaves);
        var splittable = new List<FrameworkNode>();
        foreach (var field in framework.Fields.Where(f => !f.SurveyBased))
        {
            CollectSplittable(field, splittable);
        }

        // Spread the added sub-criteria over the fields: every k-th candidate, until the leaf count is reached.
        var needed = Math.Max(0, leafCount - count);
        if (needed > splittable.Count)
        {
            throw new BenchException($"The sample framework can grow to at most {count + splittable.Count} leaves, not {leafCount}.");
        }

        var step = needed == 0 ? 1 : splittable.Count / (double)needed;
        for (var i = 0; i < needed; i++)
        {
            Split(splittable[(int)(i * step)]);
        }

        framework.Title = "Bộ chỉ số CCHC cấp xã (đo tải) — " + framework.Title;
        return new BenchFramework(framework);
    }

    private static int CountLeaves(FrameworkNode node) => node.Children.Count == 0 ? 1 : node.Children.Sum(CountLeaves);

    private static void CollectSplittable(FrameworkNode node, List<FrameworkNode> into)
    {
        if (node.Children.Count > 0)
        {
            foreach (var child in node.Children)
            {
                CollectSplittable(child, into);
            }
        }
        else if (node.Method.MethodCase is LeafMethod.MethodOneofCase.Manual or LeafMethod.MethodOneofCase.Ratio &&
            decimal.Parse(node.MaxPoints, CultureInfo.InvariantCulture) >= 1m && node.Code.Count(c => c == '.') < 3)
        {
            into.Add(node);
        }
    }

    // The leaf becomes a criterion with two sub-criteria of the same method whose maxima add up to its own.
    private static void Split(FrameworkNode leaf)
    {
        var max = decimal.Parse(leaf.MaxPoints, CultureInfo.InvariantCulture);
        var first = Math.Round(max / 2, 2, MidpointRounding.ToZero);
        string[] parts = [Text(first), Text(max - first)];
        for (var i = 0; i < 2; i++)
        {
            leaf.Children.Add(new FrameworkNode
            {
                Code = $"{leaf.Code}.{i + 1}",
                Name = $"{leaf.Name} (nội dung {i + 1} do cấp huyện bổ sung)",
                MaxPoints = parts[i],
                Method = leaf.Method.Clone(),
            });
        }

        leaf.Method = null;
    }

    private static void Collect(FrameworkNode node, bool survey, List<BenchLeaf> into)
    {
        survey |= node.SurveyBased;
        if (node.Children.Count == 0)
        {
            into.Add(new BenchLeaf(node.Code, decimal.Parse(node.MaxPoints, CultureInfo.InvariantCulture), node.Method, survey));
            return;
        }

        foreach (var child in node.Children)
        {
            Collect(child, survey, into);
        }
    }

    private static string Text(decimal value) => value.ToString(CultureInfo.InvariantCulture);
}
