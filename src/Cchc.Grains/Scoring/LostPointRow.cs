namespace Cchc.Grains.Scoring;

/// <summary>An item where points were lost (max − achieved) or taken by the council (self − appraised), as the seed reports list them.</summary>
[GenerateSerializer, Immutable, Alias("cchc.LostPointRow")]
public sealed record LostPointRow(
    string Code,
    string Name,
    decimal Max,
    decimal? Points,
    decimal Lost,
    decimal? SelfPoints,
    decimal? AppraisedPoints,
    decimal? AppraisalGap,
    string? CouncilComment);
