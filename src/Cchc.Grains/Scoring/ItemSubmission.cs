namespace Cchc.Grains.Scoring;

/// <summary>
/// One leaf at one stage: the value (points or the statistic the leaf's method scores; none for an explanation or
/// when <see cref="NotEvaluated"/>), evidence references and the comment (the council's, or the explanation text).
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.ItemSubmission")]
public sealed record ItemSubmission(
    string ItemCode,
    ScoreValue? Value,
    bool NotEvaluated,
    IReadOnlyList<string> Evidence,
    string? Comment)
{
    // Named like the record's members, so that callers write the same argument names with either constructor.
    public ItemSubmission(string ItemCode, ScoreValue? Value, string? Comment = null, IReadOnlyList<string>? Evidence = null, bool NotEvaluated = false)
        : this(ItemCode, Value, NotEvaluated, Evidence ?? [], Comment)
    {
    }
}
