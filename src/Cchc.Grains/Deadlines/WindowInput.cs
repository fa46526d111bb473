using Cchc.Grains.Scoring;

namespace Cchc.Grains.Deadlines;

/// <summary>A window as the request gave it: the stage (null when it named none) and RFC 3339 times as text, checked by the grain.</summary>
[GenerateSerializer, Immutable, Alias("cchc.WindowInput")]
public sealed record WindowInput(ScoreStage? Stage, string OpensAt, string ClosesAt);
