namespace Cchc.Storage;

/// <summary>
/// An append expected the stream at a version it no longer has: another writer appended first. Nothing of the
/// append was written; re-read the stream and decide again.
/// </summary>
public sealed class StreamVersionConflictException : Exception
{
    public StreamVersionConflictException()
    {
    }

    public StreamVersionConflictException(string message)
        : base(message)
    {
    }

    public StreamVersionConflictException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StreamVersionConflictException(string streamId, long expectedVersion, long? actualVersion)
        : base($"Stream '{streamId}' is at version {actualVersion?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, " +
               $"not {expectedVersion} as the writer expected; nothing was written. Re-read it and decide again.")
    {
        StreamId = streamId;
        ExpectedVersion = expectedVersion;
        ActualVersion = actualVersion;
    }

    public string? StreamId { get; }

    public long ExpectedVersion { get; }

    /// <summary>The stored version, or null when the stream does not exist.</summary>
    public long? ActualVersion { get; }
}
