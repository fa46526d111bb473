namespace Cchc.Runtime.Storage;

/// <summary>
/// A write or clear carried an ETag that no longer matches the stored one: another writer got there first.
/// Nothing was changed. Mirrors Orleans' <c>InconsistentStateException</c>.
/// </summary>
public sealed class InconsistentStateException : Exception
{
    public InconsistentStateException()
    {
    }

    public InconsistentStateException(string message)
        : base(message)
    {
    }

    public InconsistentStateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InconsistentStateException(string stateName, string grainId, string? expectedETag, string? storedETag)
        : base($"State '{stateName}' of grain '{grainId}' was written by someone else: expected ETag " +
               $"'{expectedETag ?? "(none)"}', stored ETag is '{storedETag ?? "(none)"}'. Nothing was changed; " +
               "read the state again and retry.")
    {
        StateName = stateName;
        GrainId = grainId;
        ExpectedETag = expectedETag;
        StoredETag = storedETag;
    }

    public string? StateName { get; }

    public string? GrainId { get; }

    public string? ExpectedETag { get; }

    public string? StoredETag { get; }
}
