namespace Cchc.Storage;

/// <summary>A stream's snapshot row as stored: the state at <see cref="Version"/> and when it was written.</summary>
public sealed record SnapshotRow(long Version, string Payload, DateTimeOffset TakenAt);
