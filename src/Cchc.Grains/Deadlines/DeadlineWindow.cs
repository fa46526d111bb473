using Cchc.Grains.Scoring;

namespace Cchc.Grains.Deadlines;

/// <summary>A stored window: <see cref="Stage"/> may be written from <see cref="OpensAt"/> up to, not at, <see cref="ClosesAt"/>.</summary>
[GenerateSerializer, Immutable, Alias("cchc.DeadlineWindow")]
public sealed record DeadlineWindow(ScoreStage Stage, DateTimeOffset OpensAt, DateTimeOffset ClosesAt);
