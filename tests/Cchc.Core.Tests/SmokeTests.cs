namespace Cchc.Core.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void Builds() => Assert.Equal(4, 2 + 2);
}
