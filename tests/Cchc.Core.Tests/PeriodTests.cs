namespace Cchc.Core.Tests;

public sealed class PeriodTests
{
    [Fact]
    public void Periods_read_as_officials_write_them_and_compare_by_value()
    {
        Assert.Equal(["2024", "2024-H1", "2024-Q3"], new[] { Period.Annual(2024), Period.Half(2024, 1), Period.Quarter(2024, 3) }.Select(p => p.ToString()));
        Assert.Equal(Period.Quarter(2024, 3), Period.Quarter(2024, 3));
        Assert.NotEqual(Period.Half(2024, 1), Period.Quarter(2024, 1));
    }

    [Fact]
    public void Impossible_periods_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Half(2024, 3));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Quarter(2024, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Annual(1999));
    }
}
