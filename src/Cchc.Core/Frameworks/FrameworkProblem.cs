namespace Cchc.Core.Frameworks;

/// <summary>One problem in a framework definition. <see cref="Code"/> is the node's code, or null for the whole framework (total, bands, periods).</summary>
public sealed record FrameworkProblem(string? Code, FrameworkProblemKind Kind, string Message)
{
    public override string ToString() => Message;
}
