namespace Cchc.Observability.Tests;

/// <summary>
/// Tests that start gRPC servers, grains or storage record into the process-wide meters every exporter sees;
/// run one at a time so each test's exporter counts only its own work.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedMetersCollection
{
    public const string Name = "Shared meters";
}
