namespace Cchc.Grains.Scoring;

/// <summary>A batch of items for one commune and period at one stage, by one principal.</summary>
[GenerateSerializer, Immutable, Alias("cchc.ScoreSubmission")]
public sealed record ScoreSubmission(ScoreStage Stage, IReadOnlyList<ItemSubmission> Items, string Principal, string? IdempotencyKey = null);
