using Cchc.Grains.Ranking;

namespace Cchc.Grains.Scoring;

/// <summary>
/// A commune's scorecard for one period against its year's framework: the totals row (whose children are the
/// fields), the index and class, and its rows in the province and district rankings (null where not ranked).
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.ScorecardView")]
public sealed record ScorecardView(
    string UnitCode,
    string UnitName,
    string Period,
    string ProvinceCode,
    string? DistrictCode,
    long Version,
    long FrameworkVersion,
    decimal? Index,
    string? ClassName,
    bool Provisional,
    ScorecardNodeView Total,
    RankingRow? ProvinceRank,
    RankingRow? DistrictRank);
