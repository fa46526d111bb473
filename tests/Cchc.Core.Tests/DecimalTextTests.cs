namespace Cchc.Core.Tests;

public sealed class DecimalTextTests
{
    [Theory]
    [InlineData("1.4", "1.4")]
    [InlineData("1,4", "1.4")]
    [InlineData(" 2 ", "2")]
    [InlineData("0,25", "0.25")]
    [InlineData("-0.5", "-0.5")]
    [InlineData("18.5", "18.5")]
    public void Parse_accepts_a_dot_or_a_Vietnamese_comma(string text, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), DecimalText.Parse(text, "3.12.2"));

    [Theory]
    [InlineData("NaN")]
    [InlineData("nan")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    [InlineData("∞")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("1,2,3")]
    [InlineData("1.2.3")]
    [InlineData("1.234,5")]
    [InlineData("1e3")]
    [InlineData("0x10")]
    [InlineData("1,")]
    [InlineData(".5")]
    [InlineData("abc")]
    [InlineData("١٢")]
    [InlineData("99999999999999999999999999999999")]
    public void Parse_rejects_text_that_is_not_a_plain_number_naming_the_item(string? text)
    {
        var error = Assert.Throws<ScoreInputException>(() => DecimalText.Parse(text, "3.12.2"));

        Assert.Equal("3.12.2", error.ItemCode);
        Assert.Contains("Item 3.12.2", error.Message, StringComparison.Ordinal);
        if (!string.IsNullOrWhiteSpace(text))
        {
            Assert.Contains(text, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [InlineData("637", 637)]
    [InlineData(" 0 ", 0)]
    public void ParseCount_accepts_plain_digits(string text, int expected) =>
        Assert.Equal(expected, DecimalText.ParseCount(text, "7.1.1"));

    [Theory]
    [InlineData("1.234")]
    [InlineData("1,234")]
    [InlineData("-3")]
    [InlineData("2.5")]
    [InlineData("NaN")]
    [InlineData("")]
    [InlineData("99999999999")]
    public void ParseCount_rejects_anything_but_a_whole_count_naming_the_item(string text)
    {
        var error = Assert.Throws<ScoreInputException>(() => DecimalText.ParseCount(text, "7.1.1"));

        Assert.Contains("Item 7.1.1", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, error.Errors[0].Value);
    }
}
