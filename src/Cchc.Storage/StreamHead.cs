namespace Cchc.Storage;

/// <summary>
/// Where a stream's audit chain ends: its version and the hash of its last entry (null when no entry of it was
/// hashed: nothing appended, or everything appended before the chain existed).
/// </summary>
public sealed record StreamHead(long Version, string? Hash)
{
    public static StreamHead None { get; } = new(0, null);
}
