namespace Cchc.Storage.Tests.OrleansAdoNet;

/// <summary>What a test grain's activation holds: its state and what Orleans knows about the stored record.</summary>
[GenerateSerializer, Immutable]
public sealed record PlaceView(PlaceState State, string? ETag, bool RecordExists);
