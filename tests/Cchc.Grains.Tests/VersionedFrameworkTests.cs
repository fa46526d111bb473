using Cchc.Grains.Frameworks;

namespace Cchc.Grains.Tests;

public sealed class VersionedFrameworkTests
{
    [Fact]
    public void It_builds_its_framework_once_and_every_caller_shares_it()
    {
        var stored = new VersionedFramework(3, TestFramework.For(2022), 7);

        var first = stored.Build();

        Assert.Same(first, stored.Build());
        Assert.Equal("Bộ chỉ số CCHC cấp xã năm 2022", first.Name);
    }

    [Fact]
    public void Whether_it_has_built_does_not_change_equality()
    {
        var definition = TestFramework.For(2022);
        var built = new VersionedFramework(3, definition, 7);
        _ = built.Build();
        var fresh = new VersionedFramework(3, definition, 7);

        Assert.Equal(fresh, built);
        Assert.Equal(fresh.GetHashCode(), built.GetHashCode());
        Assert.NotEqual(fresh with { Version = 4 }, built);
    }

    [Fact]
    public void A_copy_with_another_definition_builds_that_definition()
    {
        var stored = new VersionedFramework(3, TestFramework.For(2022), 7);
        _ = stored.Build();

        var replaced = stored with { Version = 4, Definition = TestFramework.For(2023) };

        Assert.Equal("Bộ chỉ số CCHC cấp xã năm 2023", replaced.Build().Name);
        Assert.Equal("Bộ chỉ số CCHC cấp xã năm 2022", stored.Build().Name);
    }
}
