namespace Cchc.Grains.Ranking;

/// <summary>A ranked commune: its index and place, class, whether it rests on self-assessment only, and its earlier place.</summary>
[GenerateSerializer, Immutable, Alias("cchc.RankingRow")]
public sealed record RankingRow(
    string UnitCode,
    string Name,
    decimal Index,
    RankPlace Rank,
    string? ClassName,
    bool Provisional,
    PreviousStanding? Previous);
