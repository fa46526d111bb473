using Cchc.Core.Scorecards;

namespace Cchc.Core.LostPoints;

/// <summary>An item where points were lost (max − achieved) or taken by the council (self − appraised).</summary>
public sealed record LostPointItem(
    string Code,
    string Name,
    decimal Max,
    decimal? Points,
    decimal Lost,
    decimal? SelfPoints,
    decimal? AppraisedPoints,
    decimal? AppraisalGap,
    string? CouncilComment,
    ItemStatus Status);
