using Cchc.Core.Frameworks;
using Cchc.Core.Scoring;

namespace Cchc.Core.Scorecards;

/// <summary>One leaf of a computed scorecard. Points are the item's official figures (two decimals).</summary>
public sealed record ItemResult
{
    private readonly FrameworkNode _leaf;
    private readonly ItemEntry? _entry;
    private readonly ItemFigures _figures;

    internal ItemResult(FrameworkNode leaf, ItemEntry? entry, ItemFigures figures)
    {
        _leaf = leaf;
        _entry = entry;
        _figures = figures;
    }

    public string Code => _leaf.Code;

    public string Name => _leaf.Name;

    public ItemRole Role => _figures.Role;

    public decimal Max => _figures.Max;

    public ItemStatus Status => _figures.Status;

    /// <summary>The effective points; null when the item is not evaluated.</summary>
    public decimal? Points => _figures.Points;

    /// <summary>The self score in points; null when not given or not applicable.</summary>
    public decimal? SelfPoints => _figures.SelfPoints;

    public decimal? Appraisal1Points => _figures.Appraisal1Points;

    public decimal? Appraisal2Points => _figures.Appraisal2Points;

    public decimal? SurveyPoints => _figures.SurveyPoints;

    public Explanation? Explanation => _entry?.Explanation;

    public string? CouncilComment => _entry?.CouncilComment;

    public bool IsEvaluated => _figures.IsEvaluated;

    /// <summary>The latest appraisal, round 2 else round 1.</summary>
    public decimal? AppraisedPoints => _figures.AppraisedPoints;

    /// <summary>Points lost: max − points for a regular item, the points taken for a penalty, 0 for a bonus or an item not evaluated.</summary>
    public decimal Lost => _figures.Lost;

    /// <summary>Self − appraised, in effect on the score (a penalty the council added shows as a positive gap); null unless both exist.</summary>
    public decimal? AppraisalGap => _figures.AppraisalGap;

    /// <summary>What the item adds to its parent: its points, negated for a penalty, 0 when not evaluated.</summary>
    public decimal Contribution => _figures.Contribution;
}
