using Cchc.Grains.Scoring;

namespace Cchc.Grains.Deadlines;

/// <summary>An extension asked for: the new close as RFC 3339 text, checked by the grain; <see cref="Principal"/> is the audit name.</summary>
[GenerateSerializer, Immutable, Alias("cchc.ExtensionRequest")]
public sealed record ExtensionRequest(string CommuneCode, ScoreStage Stage, string ClosesAt, string Reason, string Principal);
