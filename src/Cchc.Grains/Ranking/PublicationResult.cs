namespace Cchc.Grains.Ranking;

/// <summary>A published scope's period: how many communes were ranked, when, by whom (the first publication's).</summary>
[GenerateSerializer, Immutable, Alias("cchc.PublicationResult")]
public sealed record PublicationResult(int UnitCount, DateTimeOffset PublishedAt, string Principal);
