namespace Cchc.Grains.Publication;

/// <summary>When and by whom a scope's period was published.</summary>
[GenerateSerializer, Immutable, Alias("cchc.PublicationRecord")]
public sealed record PublicationRecord(DateTimeOffset PublishedAt, string Principal);
