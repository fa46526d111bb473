namespace Cchc.Grains.Publication;

/// <summary>When and by whom a scope's period was published.</summary>
public sealed record PublicationRecord(DateTimeOffset PublishedAt, string Principal);
