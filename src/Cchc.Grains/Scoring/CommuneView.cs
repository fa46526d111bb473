using Cchc.Core.Scorecards;

namespace Cchc.Grains.Scoring;

/// <summary>A commune's scorecard: the inputs, their computed result against the year's framework, and its scopes.</summary>
public sealed record CommuneView(Scorecard Card, ScorecardResult Result, string ProvinceCode, string? DistrictCode, long Version);
