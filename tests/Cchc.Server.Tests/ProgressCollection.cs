namespace Cchc.Server.Tests;

/// <summary>The tests that read one progress season (47 communes' batches, driven once).</summary>
[CollectionDefinition(Name)]
public sealed class ProgressCollection : ICollectionFixture<ProgressSeason>
{
    public const string Name = "Progress season";
}
