using Cchc.Core.Units;

namespace Cchc.Core.Tests;

public sealed class UnitCodeTests
{
    [Theory]
    [InlineData("48", ScopeKind.Province)]
    [InlineData("490", ScopeKind.District)]
    [InlineData("20194", null)]
    [InlineData("4a", null)]
    [InlineData("", null)]
    [InlineData("٤٨", null)] // Arabic-Indic digits are digits to .NET, not to the statistics office
    public void A_scope_is_a_province_by_two_digits_and_a_district_by_three(string code, ScopeKind? expected) =>
        Assert.Equal(expected, UnitCodes.KindOfScope(code));

    [Theory]
    [InlineData("11116", true)]
    [InlineData("1111", false)]
    [InlineData("111160", false)]
    public void A_commune_has_five_digits(string code, bool expected) => Assert.Equal(expected, UnitCodes.IsCommune(code));

    [Theory]
    [InlineData(2023, 2024, false)]
    [InlineData(2024, 2025, true)]
    [InlineData(2021, 2026, true)]
    [InlineData(2025, 2026, false)]
    public void Only_years_on_either_side_of_July_2025_cross_the_merger(int earlier, int later, bool crosses) =>
        Assert.Equal(crosses, UnitCodes.CrossesMerger(earlier, later));
}
