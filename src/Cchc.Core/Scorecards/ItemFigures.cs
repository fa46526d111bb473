using Cchc.Core.Scoring;

namespace Cchc.Core.Scorecards;

/// <summary>
/// The figures of one leaf, as a plain value: a scorecard keeps one array of these (no object per item, no
/// references for the garbage collector to trace) and builds <see cref="ItemResult"/> views on demand.
/// </summary>
internal readonly struct ItemFigures
{
    private readonly decimal _points;
    private readonly decimal _self;
    private readonly decimal _round1;
    private readonly decimal _round2;
    private readonly decimal _survey;
    private readonly Stages _has;

    public ItemFigures(ItemRole role, decimal max, ItemStatus status, decimal? points, decimal? self, decimal? round1, decimal? round2, decimal? survey)
    {
        Role = role;
        Max = max;
        Status = status;
        _has = Flag(points, Stages.Points, out _points) | Flag(self, Stages.Self, out _self) | Flag(round1, Stages.Round1, out _round1)
            | Flag(round2, Stages.Round2, out _round2) | Flag(survey, Stages.Survey, out _survey);
    }

    [Flags]
    private enum Stages : byte
    {
        None = 0,
        Points = 1,
        Self = 2,
        Round1 = 4,
        Round2 = 8,
        Survey = 16,
    }

    public ItemRole Role { get; }

    public decimal Max { get; }

    public ItemStatus Status { get; }

    public decimal? Points => Get(Stages.Points, _points);

    public decimal? SelfPoints => Get(Stages.Self, _self);

    public decimal? Appraisal1Points => Get(Stages.Round1, _round1);

    public decimal? Appraisal2Points => Get(Stages.Round2, _round2);

    public decimal? SurveyPoints => Get(Stages.Survey, _survey);

    public bool IsEvaluated => Status != ItemStatus.NotEvaluated;

    public bool CountsTowardMax => Role == ItemRole.Regular && IsEvaluated;

    public decimal? AppraisedPoints => Appraisal2Points ?? Appraisal1Points;

    public decimal Lost => (Role, IsEvaluated) switch
    {
        (_, false) => 0m,
        (ItemRole.Regular, _) => Max - _points,
        (ItemRole.Penalty, _) => _points,
        _ => 0m,
    };

    public decimal? AppraisalGap => SelfPoints is { } self && AppraisedPoints is { } appraised
        ? Role == ItemRole.Penalty ? appraised - self : self - appraised
        : null;

    public decimal Contribution => !IsEvaluated ? 0m : Role == ItemRole.Penalty ? -_points : _points;

    private static Stages Flag(decimal? value, Stages stage, out decimal field)
    {
        field = value.GetValueOrDefault();
        return value.HasValue ? stage : Stages.None;
    }

    private decimal? Get(Stages stage, decimal value) => (_has & stage) != 0 ? value : null;
}
