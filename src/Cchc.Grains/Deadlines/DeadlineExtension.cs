using Cchc.Grains.Scoring;

namespace Cchc.Grains.Deadlines;

/// <summary>
/// One extension as the audit log keeps it: the commune, the stage, its close before and after, the reason, who gave
/// it and when (the server's clock).
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.DeadlineExtension")]
public sealed record DeadlineExtension(
    string CommuneCode,
    string CommuneName,
    ScoreStage Stage,
    DateTimeOffset PreviousClosesAt,
    DateTimeOffset ClosesAt,
    string Reason,
    string GrantedBy,
    DateTimeOffset GrantedAt);
