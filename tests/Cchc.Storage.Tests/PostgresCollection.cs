namespace Cchc.Storage.Tests;

/// <summary>PostgreSQL test classes share one cluster (initdb is the slow part) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresTarget>
{
    public const string Name = "PostgreSQL";
}
