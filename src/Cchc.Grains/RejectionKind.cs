namespace Cchc.Grains;

/// <summary>Why a request was refused; the API layer maps each to its status (INVALID_ARGUMENT, NOT_FOUND, ...).</summary>
public enum RejectionKind
{
    /// <summary>INVALID_ARGUMENT: the request itself is wrong.</summary>
    InvalidArgument,

    /// <summary>NOT_FOUND: a unit, scope or framework it names does not exist.</summary>
    NotFound,

    /// <summary>FAILED_PRECONDITION: valid, but not in the current state (stage order, publication lock, no framework).</summary>
    FailedPrecondition,

    /// <summary>PERMISSION_DENIED.</summary>
    PermissionDenied,

    /// <summary>ABORTED: another writer changed the same data at the same moment; retry the request.</summary>
    Aborted,

    /// <summary>RESOURCE_EXHAUSTED: a bound was reached (e.g. live watchers on this server); retry later.</summary>
    ResourceExhausted,
}
