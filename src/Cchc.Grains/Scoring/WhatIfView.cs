using Cchc.Grains.Ranking;

namespace Cchc.Grains.Scoring;

/// <summary>
/// "If we fixed these items": the index, class and ranks now and with the items (or every leaf under them) at full
/// points, the other communes as they are. District ranks are null from 2025 (no districts).
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.WhatIfView")]
public sealed record WhatIfView(
    IReadOnlyList<string> ItemCodes,
    decimal? CurrentIndex,
    string? CurrentClass,
    decimal? NewIndex,
    string? NewClass,
    decimal PointsGained,
    RankPlace? CurrentProvinceRank,
    RankPlace? NewProvinceRank,
    RankPlace? CurrentDistrictRank,
    RankPlace? NewDistrictRank);
