using Cchc.Api.V1;

namespace Cchc.Server.Tests;

/// <summary>Finding a node of a scorecard's tree by its code.</summary>
internal static class ScoreCards
{
    /// <summary>The node with <paramref name="code"/> at any depth; fails when there is none.</summary>
    public static ScorecardNode Item(IEnumerable<ScorecardNode> nodes, string code) =>
        ItemOrNull(nodes, code) ?? throw new InvalidOperationException($"The scorecard has no item {code}.");

    private static ScorecardNode? ItemOrNull(IEnumerable<ScorecardNode> nodes, string code) =>
        nodes.Select(n => n.Code == code ? n : ItemOrNull(n.Children, code)).FirstOrDefault(n => n is not null);
}
