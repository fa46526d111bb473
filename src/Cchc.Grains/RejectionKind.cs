namespace Cchc.Grains;

/// <summary>Why a request was refused; the transport maps each to its status (INVALID_ARGUMENT, NOT_FOUND, ...).</summary>
public enum RejectionKind
{
    InvalidArgument,
    NotFound,
    FailedPrecondition,
    PermissionDenied,
}
