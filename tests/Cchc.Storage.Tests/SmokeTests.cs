namespace Cchc.Storage.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Sqlite_opens() => Assert.StartsWith("3.", Placeholder.Probe());
}
