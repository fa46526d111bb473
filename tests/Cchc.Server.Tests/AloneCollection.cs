namespace Cchc.Server.Tests;

/// <summary>
/// Tests that must not share this process with any other test of the assembly while they run: the overload test pins
/// this whole process to one core (<see cref="CorePinning"/>), so a test running beside it would be squeezed onto the
/// core its load generator saturates, and a browser or server process it started meanwhile would inherit that pinning
/// for good. xUnit runs a collection that disables parallelization after the others, by itself.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "Alone in the process";
}
