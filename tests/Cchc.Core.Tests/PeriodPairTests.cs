using Cchc.Core.Comparison;

namespace Cchc.Core.Tests;

public sealed class PeriodPairTests
{
    [Theory]
    [InlineData("2024-Q1", ComparisonBasis.PreviousPeriod, "2023-Q4")]
    [InlineData("2024-Q3", ComparisonBasis.PreviousPeriod, "2024-Q2")]
    [InlineData("2024-H2", ComparisonBasis.PreviousPeriod, "2024-H1")]
    [InlineData("2024-H1", ComparisonBasis.PreviousPeriod, "2023-H2")]
    [InlineData("2024", ComparisonBasis.PreviousPeriod, "2023")]
    [InlineData("2024-Q3", ComparisonBasis.SamePeriodLastYear, "2023-Q3")]
    [InlineData("2024-H1", ComparisonBasis.SamePeriodLastYear, "2023-H1")]
    [InlineData("2024", ComparisonBasis.SamePeriodLastYear, "2023")]
    public void The_earlier_period_follows_from_the_basis(string later, ComparisonBasis basis, string earlier)
    {
        var pair = PeriodPair.Against(Parse(later), basis);

        Assert.Equal((earlier, later), (pair.Earlier.ToString(), pair.Later.ToString()));
    }

    [Theory]
    [InlineData("2024-H1", "2024-Q3", "2024-H1 is a half-year and 2024-Q3 a quarter: compare periods of the same kind.")]
    [InlineData("2023", "2024-Q1", "2023 is a year and 2024-Q1 a quarter: compare periods of the same kind.")]
    [InlineData("2024-Q3", "2024-Q3", "The earlier period 2024-Q3 must come before the later period 2024-Q3.")]
    [InlineData("2024-Q4", "2024-Q1", "The earlier period 2024-Q4 must come before the later period 2024-Q1.")]
    [InlineData("2025-H1", "2024-H2", "The earlier period 2025-H1 must come before the later period 2024-H2.")]
    public void Periods_of_other_kinds_or_out_of_order_are_refused_with_the_reason(string earlier, string later, string problem)
    {
        Assert.Equal(problem, PeriodPair.ProblemWith(Parse(earlier), Parse(later)));
        Assert.Equal(problem + " (Parameter 'earlier')", Assert.Throws<ArgumentException>(() => PeriodPair.Of(Parse(earlier), Parse(later))).Message);
    }

    [Fact]
    public void An_explicit_earlier_period_of_the_same_kind_is_accepted()
    {
        var pair = PeriodPair.Of(Period.Quarter(2023, 2), Period.Quarter(2024, 3));

        Assert.Equal((Period.Quarter(2023, 2), Period.Quarter(2024, 3)), (pair.Earlier, pair.Later));
    }

    private static Period Parse(string text)
    {
        var parts = text.Split('-');
        var year = int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture);
        return parts.Length == 1 ? Period.Annual(year)
            : parts[1][0] == 'H' ? Period.Half(year, parts[1][1] - '0')
            : Period.Quarter(year, parts[1][1] - '0');
    }
}
