using Cchc.Core.Scoring;

namespace Cchc.Core.Frameworks;

/// <summary>
/// A node of the framework tree: field (lĩnh vực), criterion (tiêu chí) or sub-criterion (tiêu chí thành phần).
/// A leaf has a <see cref="Method"/>; a parent's maximum is the sum of its regular children's.
/// <see cref="SurveyBased"/> on a parent makes every leaf under it survey-based.
/// </summary>
public sealed record FrameworkNode(
    string Code,
    string Name,
    decimal Max,
    ScoringMethod? Method = null,
    bool SurveyBased = false,
    IReadOnlyList<FrameworkNode>? Children = null)
{
    public IReadOnlyList<FrameworkNode> Children { get; init; } = Children ?? [];

    public bool IsLeaf => Children.Count == 0;

    /// <summary>Bonus and penalty leaves sit outside their parent's maximum and the total.</summary>
    public ItemRole Role => Method?.Role ?? ItemRole.Regular;

    public static FrameworkNode Leaf(string code, string name, decimal max, ScoringMethod method, bool surveyBased = false) =>
        new(code, name, max, method, surveyBased);

    public static FrameworkNode Group(string code, string name, decimal max, params FrameworkNode[] children) =>
        new(code, name, max, Children: children);

    public static FrameworkNode SurveyGroup(string code, string name, decimal max, params FrameworkNode[] children) =>
        new(code, name, max, SurveyBased: true, Children: children);
}
