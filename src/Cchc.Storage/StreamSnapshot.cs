namespace Cchc.Storage;

/// <summary>A stream's state as of <see cref="Version"/>, in the grain's own format, so activation need not replay every event.</summary>
public sealed record StreamSnapshot(long Version, string Payload);
