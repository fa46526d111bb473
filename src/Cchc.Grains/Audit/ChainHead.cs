namespace Cchc.Grains.Audit;

/// <summary>
/// Where a commune's audit chain ended when its period was published: the stream's version and the hash of its last
/// entry (null when nothing of it was hashed). Kept in the publication record.
/// </summary>
[GenerateSerializer, Immutable, Alias("cchc.ChainHead")]
public sealed record ChainHead(long Version, string? Hash);
