using Cchc.Server.Exports;

namespace Cchc.Server.Tests;

/// <summary>
/// Text XML cannot carry is escaped the Office Open XML way (ECMA-376 Part 1, 22.9.2.19): a stored comment with a
/// control character once made the whole appraisal table fail (found by RpcFuzzTests, seed 1183305904).
/// </summary>
public sealed class XlsxTextTests
{
    [Theory]
    [InlineData("Hồ sơ thiếu", "Hồ sơ thiếu")]
    [InlineData("a\u0001b", "a_x0001_b")]
    [InlineData("\u001F\t\n\r", "_x001F_\t\n\r")]
    [InlineData("_x0041_", "_x005F_x0041_")]
    [InlineData("_x00G1_ and _x004_", "_x00G1_ and _x004_")]
    [InlineData("\uFFFE", "_xFFFE_")]
    [InlineData("😀 kept", "😀 kept")]
    public void Text_xml_cannot_carry_is_escaped_and_everything_else_is_kept(string text, string expected)
    {
        Assert.Equal(expected, XlsxText.Escape(text));
    }

    [Fact]
    public void A_lone_surrogate_is_escaped()
    {
        // Not an attribute argument: attribute strings are stored as UTF-8, which cannot hold a lone surrogate.
        Assert.Equal("_xD800_ alone", XlsxText.Escape("\uD800 alone"));
    }

    [Fact]
    public void Text_with_nothing_to_escape_is_the_same_string()
    {
        const string Text = "Xã Quang Khải";

        Assert.Same(Text, XlsxText.Escape(Text));
    }
}
