namespace Cchc.Core.Scorecards;

/// <summary>
/// The commune's explanation (giải trình) after appraisal round 1: text and, optionally, revised evidence
/// documents (tài liệu kiểm chứng). It sets no points by itself; round 2 does.
/// </summary>
public sealed record Explanation(string Text, IReadOnlyList<string>? RevisedEvidence = null)
{
    public IReadOnlyList<string> RevisedEvidence { get; init; } = RevisedEvidence ?? [];
}
