using Cchc.Core.Ranking;

namespace Cchc.Grains.Ranking;

/// <summary>A ranked commune with its class, whether it rests on self-assessment only, and its earlier place.</summary>
public sealed record RankingRow(RankedUnit Unit, string? ClassName, bool Provisional, PreviousStanding? Previous);
