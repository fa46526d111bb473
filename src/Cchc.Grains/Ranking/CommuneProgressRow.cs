using Cchc.Grains.Scoring;

namespace Cchc.Grains.Ranking;

/// <summary>One member commune's progress in a scope.</summary>
[GenerateSerializer, Immutable, Alias("cchc.CommuneProgressRow")]
public sealed record CommuneProgressRow(string UnitCode, string Name, ProgressCounts Counts);
