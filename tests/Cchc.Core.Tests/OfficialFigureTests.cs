namespace Cchc.Core.Tests;

public sealed class OfficialFigureTests
{
    [Theory]
    [InlineData("0.6405", "0.64")]
    [InlineData("0.6875", "0.69")]
    [InlineData("0.005", "0.01")]
    [InlineData("0.015", "0.02")]
    [InlineData("0.025", "0.03")]
    [InlineData("66.665", "66.67")]
    [InlineData("-0.005", "-0.01")]
    [InlineData("99.994999", "99.99")]
    public void Round_is_half_away_from_zero_at_two_decimals(string value, string expected) =>
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), OfficialFigure.Round(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Theory]
    [InlineData("0.64", true)]
    [InlineData("100", true)]
    [InlineData("0.640", true)]
    [InlineData("0.6405", false)]
    public void IsOfficial_accepts_only_two_significant_decimals(string value, bool expected) =>
        Assert.Equal(expected, OfficialFigure.IsOfficial(decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public void Format_always_shows_two_decimals() =>
        Assert.Equal(["0.64", "100.00", "2.50"], new[] { 0.64m, 100m, 2.5m }.Select(OfficialFigure.Format));
}
