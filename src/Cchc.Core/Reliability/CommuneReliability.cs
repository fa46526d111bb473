namespace Cchc.Core.Reliability;

/// <summary>
/// How a commune's self-assessment compares with the council's appraisal, over the items that have both (the
/// compared items). Totals are in effect on the score: bonus points add, penalty points subtract. The gap is self −
/// appraised; an item counts as over when the commune's claim was worth more than the council's figure (a smaller
/// penalty claimed counts as over too). <see cref="NotComparedReason"/> is set when no item was compared.
/// </summary>
public sealed record CommuneReliability(
    string UnitCode,
    string Name,
    decimal SelfTotal,
    decimal AppraisedTotal,
    int ItemsCompared,
    int ItemsOver,
    int ItemsUnder,
    int ItemsAwaitingAppraisal,
    int ItemsAppraisedWithoutSelf,
    string? NotComparedReason)
{
    /// <summary>Self total − appraised total: what the council took off (negative when it gave more than claimed).</summary>
    public decimal Gap => SelfTotal - AppraisedTotal;

    public bool IsCompared => NotComparedReason is null;
}
