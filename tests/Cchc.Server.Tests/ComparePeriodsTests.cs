using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// ComparePeriods through the real server: quarters against the previous quarter and the same quarter a year
/// earlier, half-years, and the refusals. A made-up province of three communes on the two-item framework (index =
/// a + b, field 1 = a / 40): 2022 serves years only, 2023 years, half-years and quarters, 2024 years and quarters.
/// </summary>
public sealed class ComparePeriodsTests(ComparePeriodsTests.Province fixture) : IClassFixture<ComparePeriodsTests.Province>
{
    private const string Code = "97";
    private const string C1 = "97101";
    private const string C2 = "97102";
    private const string C3 = "97103";

    [Fact]
    public async Task A_quarter_against_the_previous_quarter()
    {
        var response = await CompareAsync(Quarter(2024, 3), ComparisonBasis.PreviousPeriod);

        Assert.Equal((Quarter(2024, 2), Quarter(2024, 3)), (response.PeriodA, response.PeriodB));
        Assert.Equal([C2, C3, C1], response.Units.Select(u => u.UnitCode)); // 2024-Q3 order: 95, 86, 80
        // 2024-Q2: C1 36 + 54 = 90 (1st), C2 30 + 45 = 75 (2nd), C3 25 + 35 = 60 (3rd).
        AssertRow(Row(response, C1), "90.00", "80.00", "-10.00", 1, 3, "giảm 2 bậc", "Xuất sắc", "Tốt");
        AssertRow(Row(response, C2), "75.00", "95.00", "+20.00", 2, 1, "tăng 1 bậc", "Khá", "Xuất sắc");
        AssertRow(Row(response, C3), "60.00", "86.00", "+26.00", 3, 2, "tăng 1 bậc", "Trung bình", "Tốt");
        var field1 = Row(response, C1).Fields.Single(f => f.FieldCode == "1");
        Assert.Equal(("90.00", "80.00", 1, 3, 3, 3), (field1.IndexA, field1.IndexB, field1.RankA, field1.UnitCountA, field1.RankB, field1.UnitCountB)); // 36/40, 32/40
        Assert.Equal([C1], Row(response, C1).ComparedWithCodes);
        Assert.Empty(Row(response, C1).Predecessors);
    }

    [Fact]
    public async Task A_quarter_against_the_same_quarter_a_year_earlier_or_an_earlier_quarter_given_outright()
    {
        var lastYear = await CompareAsync(Quarter(2024, 3), ComparisonBasis.SamePeriodLastYear);
        var given = await CompareAsync(Quarter(2024, 3), ComparisonBasis.Unspecified, earlier: Quarter(2023, 3));

        Assert.Equal(Quarter(2023, 3), lastYear.PeriodA);
        // 2023-Q3: C1 30 + 40 = 70 (2nd), C2 35 + 50 = 85 (1st), C3 20 + 30 = 50 (3rd).
        AssertRow(Row(lastYear, C1), "70.00", "80.00", "+10.00", 2, 3, "giảm 1 bậc", "Khá", "Tốt");
        AssertRow(Row(lastYear, C2), "85.00", "95.00", "+10.00", 1, 1, "giữ nguyên", "Tốt", "Xuất sắc");
        AssertRow(Row(lastYear, C3), "50.00", "86.00", "+36.00", 3, 2, "tăng 1 bậc", "Trung bình", "Tốt");
        Assert.Equal(lastYear, given);
    }

    [Fact]
    public async Task A_half_year_against_the_previous_half_and_one_commune_alone()
    {
        var response = await CompareAsync(Half(2023, 2), ComparisonBasis.PreviousPeriod);
        var one = await CompareAsync(Half(2023, 2), ComparisonBasis.PreviousPeriod, unit: C1);

        Assert.Equal(Half(2023, 1), response.PeriodA);
        // 2023-H1: C1 20 + 30 = 50, C2 40 + 60 = 100; 2023-H2: C1 30 + 50 = 80, C2 30 + 45 = 75; C3 scored neither.
        Assert.Equal([C1, C2, C3], response.Units.Select(u => u.UnitCode));
        AssertRow(Row(response, C1), "50.00", "80.00", "+30.00", 2, 1, "tăng 1 bậc", "Trung bình", "Tốt", unitsA: 2, unitsB: 2);
        AssertRow(Row(response, C2), "100.00", "75.00", "-25.00", 1, 2, "giảm 1 bậc", "Xuất sắc", "Khá", unitsA: 2, unitsB: 2);
        Assert.Equal((0, 0, ""), (Row(response, C3).Overall.RankA, Row(response, C3).Overall.RankB, Row(response, C3).Overall.Phrase));
        Assert.Equal(Row(response, C1), Assert.Single(one.Units));
    }

    [Theory]
    [InlineData(2024, "H", 1, "The 2024 framework of province 97 does not serve half-year periods; it serves year, quarter.")]
    [InlineData(2023, "Q", 1, "The 2022 framework of province 97 does not serve quarter periods; it serves year.")]
    public async Task A_period_kind_a_framework_does_not_serve_is_a_failed_precondition(int year, string kind, int number, string message)
    {
        var period = kind == "H" ? Half(year, number) : Quarter(year, number);

        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(period, ComparisonBasis.PreviousPeriod));

        Assert.Equal((StatusCode.FailedPrecondition, message), (error.StatusCode, error.Status.Detail));
    }

    [Fact]
    public async Task Periods_of_other_kinds_out_of_order_or_ambiguous_are_invalid_arguments_and_change_nothing()
    {
        var before = await CompareAsync(Quarter(2024, 3), ComparisonBasis.PreviousPeriod);

        var kinds = await InvalidAsync(Quarter(2024, 3), ComparisonBasis.Unspecified, Half(2024, 1));
        var backwards = await InvalidAsync(Quarter(2024, 2), ComparisonBasis.Unspecified, Quarter(2024, 3));
        var same = await InvalidAsync(Quarter(2024, 3), ComparisonBasis.Unspecified, Quarter(2024, 3));
        var both = await InvalidAsync(Quarter(2024, 3), ComparisonBasis.PreviousPeriod, Quarter(2024, 1));
        var neither = await InvalidAsync(Quarter(2024, 3), ComparisonBasis.Unspecified, null);

        Assert.Equal("earlier_period 2024-H1 and period 2024-Q3: 2024-H1 is a half-year and 2024-Q3 a quarter: compare periods of the same kind.", kinds);
        Assert.Equal("earlier_period 2024-Q3 and period 2024-Q2: The earlier period 2024-Q3 must come before the later period 2024-Q2.", backwards);
        Assert.Equal("earlier_period 2024-Q3 and period 2024-Q3: The earlier period 2024-Q3 must come before the later period 2024-Q3.", same);
        Assert.Equal("Give against or earlier_period, not both.", both);
        Assert.Equal("against is missing: give PREVIOUS_PERIOD or SAME_PERIOD_LAST_YEAR, or an earlier_period of the same kind.", neither);
        Assert.Equal(before, await CompareAsync(Quarter(2024, 3), ComparisonBasis.PreviousPeriod));
    }

    private static void AssertRow(UnitComparison row, string indexA, string indexB, string change, int rankA, int rankB, string phrase,
        string classA, string classB, int unitsA = 3, int unitsB = 3)
    {
        Assert.Equal((indexA, indexB, change), (row.Overall.IndexA, row.Overall.IndexB, row.Overall.IndexChange));
        Assert.Equal((rankA, unitsA, rankB, unitsB, rankA - rankB, phrase), (row.Overall.RankA, row.Overall.UnitCountA, row.Overall.RankB, row.Overall.UnitCountB, row.Overall.Places, row.Overall.Phrase));
        Assert.Equal((classA, classB), (row.Overall.ClassA, row.Overall.ClassB));
        Assert.Equal("", row.MissingReason);
    }

    private static UnitComparison Row(ComparePeriodsResponse response, string code) => response.Units.Single(u => u.UnitCode == code);

    private static Period Quarter(int year, int number) => new() { Year = year, Kind = PeriodKind.Quarter, Number = number };

    private static Period Half(int year, int number) => new() { Year = year, Kind = PeriodKind.HalfYear, Number = number };

    private Task<ComparePeriodsResponse> CompareAsync(Period period, ComparisonBasis against, Period? earlier = null, string unit = "")
    {
        var request = new ComparePeriodsRequest { ScopeCode = Code, UnitCode = unit, Period = period, Against = against, EarlierPeriod = earlier };
        return fixture.Admin.Ranking.ComparePeriodsAsync(request).ResponseAsync;
    }

    private async Task<string> InvalidAsync(Period period, ComparisonBasis against, Period? earlier)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => CompareAsync(period, against, earlier));
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        return error.Status.Detail;
    }

    /// <summary>The province, its frameworks and every score the tests compare, sent once through the server.</summary>
    public sealed class Province : IAsyncLifetime
    {
        private RunningServer _server = null!;

        internal ApiClient Admin { get; private set; } = null!;

        public async Task InitializeAsync()
        {
            _server = await RunningServer.StartAsync();
            Admin = _server.ClientAs(TestTokens.ProvinceAdmin(Code));
            var import = new ImportUnitsRequest { ProvinceCode = Code, FirstYear = 2020, LastYear = 2024 };
            import.Units.Add(new Unit { Code = Code, Name = "Tỉnh Thử Nghiệm", Level = UnitLevel.Province, Type = "Tỉnh" });
            import.Units.Add(new Unit { Code = "971", Name = "Huyện Kỳ Đánh Giá", Level = UnitLevel.District, Type = "Huyện", ParentCode = Code });
            import.Units.Add(new[] { C1, C2, C3 }.Select((c, i) => new Unit { Code = c, Name = $"Xã Quý {i + 1}", Level = UnitLevel.Commune, Type = "Xã", ParentCode = "971" }));
            await Admin.Registry.ImportUnitsAsync(import).ResponseAsync;
            await Admin.Frameworks.PutFrameworkAsync(TwoItemFramework.Request(Code, 2022, PeriodKind.Year)).ResponseAsync;
            await Admin.Frameworks.PutFrameworkAsync(TwoItemFramework.Request(Code, 2023, PeriodKind.Year, PeriodKind.HalfYear, PeriodKind.Quarter)).ResponseAsync;
            await Admin.Frameworks.PutFrameworkAsync(TwoItemFramework.Request(Code, 2024, PeriodKind.Year, PeriodKind.Quarter)).ResponseAsync;

            await ScoreAsync(Quarter(2023, 3), (C1, 30, 40), (C2, 35, 50), (C3, 20, 30));
            await ScoreAsync(Quarter(2024, 2), (C1, 36, 54), (C2, 30, 45), (C3, 25, 35));
            await ScoreAsync(Quarter(2024, 3), (C1, 32, 48), (C2, 38, 57), (C3, 34, 52));
            await ScoreAsync(Half(2023, 1), (C1, 20, 30), (C2, 40, 60));
            await ScoreAsync(Half(2023, 2), (C1, 30, 50), (C2, 30, 45));
        }

        public async Task DisposeAsync() => await _server.DisposeAsync();

        private async Task ScoreAsync(Period period, params (string Commune, decimal A, decimal B)[] scores)
        {
            foreach (var (commune, a, b) in scores)
            {
                await _server.Shared.Scoring.SubmitScoresAsync(TwoItemFramework.SelfAssessment(commune, period, a, b),
                    _server.Tokens.As(TestTokens.CommuneOfficer(Code, commune))).ResponseAsync;
            }

            await TwoItemFramework.WaitForRankedAsync(Admin, Code, period, scores.Length);
        }
    }
}
