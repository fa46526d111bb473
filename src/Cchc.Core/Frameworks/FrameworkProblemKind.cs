namespace Cchc.Core.Frameworks;

public enum FrameworkProblemKind
{
    MalformedCode,
    DuplicateCode,
    CodeDoesNotExtendParent,
    TooDeep,
    MissingName,
    InvalidMaximum,
    MaximumNotSumOfChildren,
    TotalMismatch,
    LeafWithoutMethod,
    ParentWithMethod,
    InvalidMethodParameter,
    BonusOrPenaltyWithChildren,
    NoFields,
    NoPeriods,
    BandsOutOfOrder,
    InvalidBand,
}
