namespace Cchc.Grains.Ranking;

/// <summary>A unit's place in the previous period of the same kind, for "up/down N places".</summary>
[GenerateSerializer, Immutable, Alias("cchc.PreviousStanding")]
public sealed record PreviousStanding(int CompetitionRank, decimal Index, string? ClassName);
