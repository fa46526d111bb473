namespace Cchc.Grains.Scoring;

/// <summary>Where a commune lost points, most first, and the what-if when items were named.</summary>
[GenerateSerializer, Immutable, Alias("cchc.LostPointsView")]
public sealed record LostPointsView(IReadOnlyList<LostPointRow> Items, WhatIfView? WhatIf);
