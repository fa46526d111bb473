using Cchc.Core.Scoring;

namespace Cchc.Grains.Scoring;

/// <summary>
/// One leaf at one stage: the input (points or the statistic the leaf's method scores; none for an explanation or
/// when <see cref="NotEvaluated"/>), evidence references and the comment (the council's, or the explanation text).
/// </summary>
public sealed record ItemSubmission(
    string ItemCode,
    ScoreInput? Input,
    bool NotEvaluated = false,
    IReadOnlyList<string>? Evidence = null,
    string? Comment = null)
{
    public IReadOnlyList<string> Evidence { get; init; } = Evidence ?? [];
}
