namespace Cchc.Cluster.Tests;

/// <summary>
/// The cluster tests run one after another: each starts three servers, and two clusters at once on two cores would
/// measure each other's load rather than failover.
/// </summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterDatabase>
{
    public const string Name = "Three cchc-server processes on one PostgreSQL";
}
