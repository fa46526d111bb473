using System.Globalization;
using Cchc.Api.V1;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>
/// GetReliability through the real server on Quảng Trị's real communes (see <see cref="ReliabilityFixture"/>): every
/// figure expected here is added up from the points the fixture sent.
/// </summary>
public sealed class ReliabilityTests(ReliabilityFixture fixture) : IClassFixture<ReliabilityFixture>
{
    private static readonly CompareInfo Vietnamese = CultureInfo.GetCultureInfo("vi-VN").CompareInfo;

    [Fact]
    public async Task Hien_Thanh_self_assessed_77_00_and_was_appraised_69_82()
    {
        var response = await ReadAsync(new GetReliabilityRequest { ScopeCode = ReliabilityFixture.District });

        var row = response.Rows.Single(r => r.UnitCode == ReliabilityFixture.HienThanh);
        Assert.Equal("Xã Hiền Thành", row.UnitName);
        Assert.Equal(("77.00", "69.82", "+7.18"), (row.SelfTotal, row.AppraisedTotal, row.Gap));
        Assert.Equal((19, 6, 1, 0, 0), (row.ItemsCompared, row.ItemsOver, row.ItemsUnder, row.ItemsAwaitingAppraisal, row.ItemsAppraisedWithoutSelf));
    }

    [Fact]
    public async Task Every_commune_of_the_district_is_compared_by_the_largest_gap_first_or_listed_with_its_reason()
    {
        var response = await ReadAsync(new GetReliabilityRequest { ScopeCode = ReliabilityFixture.District });

        var expected = Expected(null);
        var order = expected.OrderByDescending(e => e.Gap).ThenBy(e => e.Name, Comparer<string>.Create(ByName)).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(order.Select(e => e.Code), response.Rows.Select(r => r.UnitCode));
        Assert.Equal(Enumerable.Range(1, order.Count), response.Rows.Select(r => r.Position));
        foreach (var (want, got) in order.Zip(response.Rows))
        {
            Assert.Equal((Figure(want.Self), Figure(want.Appraised), Signed(want.Gap)), (got.SelfTotal, got.AppraisedTotal, got.Gap));
            Assert.Equal((want.Compared, want.Over, want.Under, want.Awaiting, want.Unclaimed),
                (got.ItemsCompared, got.ItemsOver, got.ItemsUnder, got.ItemsAwaitingAppraisal, got.ItemsAppraisedWithoutSelf));
        }

        Assert.Equal((Figure(order.Sum(e => e.Self)), Figure(order.Sum(e => e.Appraised)), order.Sum(e => e.Compared), order.Sum(e => e.Over)),
            (response.SelfTotal, response.AppraisedTotal, response.ItemsCompared, response.ItemsOver));

        // 18 communes in Huyện Vĩnh Linh: 6 compared, Vĩnh Ô only self-assessed, 11 entered nothing.
        Assert.Equal(18 - order.Count, response.Excluded.Count);
        Assert.Equal("3 items self-assessed, none appraised yet", response.Excluded.Single(e => e.UnitCode == ReliabilityFixture.SelfOnly).Reason);
        Assert.All(response.Excluded.Where(e => e.UnitCode != ReliabilityFixture.SelfOnly), e => Assert.Equal("no scores entered", e.Reason));
        Assert.Equal(fixture.Names.Keys.Order(StringComparer.Ordinal),
            response.Rows.Select(r => r.UnitCode).Concat(response.Excluded.Select(e => e.UnitCode)).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task One_field_of_the_whole_province_sorted_by_self_total_ascending_counts_only_that_fields_items()
    {
        var response = await ReadAsync(new GetReliabilityRequest
        {
            ScopeCode = ReliabilityFixture.Province, FieldCode = "2", Sort = ReliabilitySort.Self, Direction = SortDirection.Ascending,
        });

        var expected = Expected("2").OrderBy(e => e.Self).ThenBy(e => e.Name, Comparer<string>.Create(ByName)).ThenBy(e => e.Code, StringComparer.Ordinal).ToList();
        Assert.Equal(("2", "Cải cách thủ tục hành chính"), (response.FieldCode, response.FieldName));
        Assert.Equal(expected.Select(e => e.Code), response.Rows.Select(r => r.UnitCode));
        Assert.Equal(expected.Select(e => (Figure(e.Self), Figure(e.Appraised), Signed(e.Gap), e.Compared, e.Over)),
            response.Rows.Select(r => (r.SelfTotal, r.AppraisedTotal, r.Gap, r.ItemsCompared, r.ItemsOver)));

        // Hiền Thành in field 2: claimed 19 of 20, appraised 18.18 (2.1.1 at 2.68, 2.3 at 3.50).
        var hienThanh = response.Rows.Single(r => r.UnitCode == ReliabilityFixture.HienThanh);
        Assert.Equal(("19.00", "18.18", "+0.82", 1, 1), (hienThanh.SelfTotal, hienThanh.AppraisedTotal, hienThanh.Gap, hienThanh.ItemsOver, hienThanh.ItemsUnder));

        // The province has 119 communes: all but the compared ones are listed apart.
        Assert.Equal(119, response.Rows.Count + response.Excluded.Count);
        Assert.Equal("no scores entered in field 2", response.Excluded.Single(e => e.UnitCode == ReliabilityFixture.SelfOnly).Reason);
    }

    [Theory]
    [InlineData(ReliabilitySort.Name, SortDirection.Unspecified)]
    [InlineData(ReliabilitySort.Name, SortDirection.Descending)]
    [InlineData(ReliabilitySort.ItemsOver, SortDirection.Unspecified)]
    [InlineData(ReliabilitySort.Appraised, SortDirection.Ascending)]
    [InlineData(ReliabilitySort.Gap, SortDirection.Ascending)]
    public async Task Each_sort_orders_by_its_key_then_by_Vietnamese_name_then_by_code(ReliabilitySort sort, SortDirection direction)
    {
        var response = await ReadAsync(new GetReliabilityRequest { ScopeCode = ReliabilityFixture.District, Sort = sort, Direction = direction });

        var descending = direction == SortDirection.Descending || (direction == SortDirection.Unspecified && sort != ReliabilitySort.Name);
        Comparison<Expectation> byKey = sort switch
        {
            ReliabilitySort.Name => (x, y) => ByName(x.Name, y.Name),
            ReliabilitySort.ItemsOver => (x, y) => x.Over.CompareTo(y.Over),
            ReliabilitySort.Appraised => (x, y) => x.Appraised.CompareTo(y.Appraised),
            _ => (x, y) => x.Gap.CompareTo(y.Gap),
        };
        var expected = Expected(null);
        expected.Sort((x, y) =>
        {
            var c = byKey(x, y) * (descending ? -1 : 1);
            return c != 0 ? c : ByName(x.Name, y.Name) != 0 ? ByName(x.Name, y.Name) : string.CompareOrdinal(x.Code, y.Code);
        });
        Assert.Equal(expected.Select(e => e.Code), response.Rows.Select(r => r.UnitCode));
    }

    [Fact]
    public async Task Bad_requests_get_a_clear_status()
    {
        var notFound = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(new GetReliabilityRequest { ScopeCode = "99" }));
        var quarter = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(new GetReliabilityRequest
        {
            ScopeCode = ReliabilityFixture.District, Period = new Period { Year = ReliabilityFixture.Year, Kind = PeriodKind.Quarter, Number = 3 },
        }));
        var field = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(new GetReliabilityRequest { ScopeCode = ReliabilityFixture.District, FieldCode = "9" }));
        var noFramework = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(new GetReliabilityRequest { ScopeCode = ReliabilityFixture.District, Period = Rpc.Year(2022) }));
        var sort = await Assert.ThrowsAsync<RpcException>(() => ReadAsync(new GetReliabilityRequest { ScopeCode = ReliabilityFixture.District, Sort = (ReliabilitySort)42 }));
        var outsider = await Assert.ThrowsAsync<RpcException>(() => fixture.Server.ClientAs(TestTokens.Viewer("01")).Analysis
            .GetReliabilityAsync(new GetReliabilityRequest { ScopeCode = ReliabilityFixture.District, Period = Rpc.Year(ReliabilityFixture.Year) }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, notFound.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, quarter.StatusCode);
        Assert.Contains("does not serve quarterly (quý) periods such as 2023-Q3", quarter.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, field.StatusCode);
        Assert.Contains("Field '9' is not in the 2023 framework of province 45; its fields are 1, 2, 3, 4, 5, 6.", field.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, noFramework.StatusCode);
        Assert.Contains("Province 45 has no framework for 2022", noFramework.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, sort.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, outsider.StatusCode);
    }

    private static int ByName(string? x, string? y)
    {
        var c = Vietnamese.Compare(x, y, CompareOptions.None);
        return c != 0 ? c : string.CompareOrdinal(x, y);
    }

    private static string Figure(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Signed(decimal value) => (value > 0 ? "+" : "") + Figure(value);

    private Task<GetReliabilityResponse> ReadAsync(GetReliabilityRequest request)
    {
        request.Period ??= Rpc.Year(ReliabilityFixture.Year);
        return fixture.Reader.Analysis.GetReliabilityAsync(request).ResponseAsync;
    }

    /// <summary>The compared communes' figures, added up from what was sent: round 2 over round 1, penalties subtracted.</summary>
    private List<Expectation> Expected(string? field)
    {
        var list = new List<Expectation>();
        foreach (var (code, items) in fixture.Entries)
        {
            var e = new Expectation(code, fixture.Names[code]);
            foreach (var (leaf, sent) in items.Where(i => field is null || i.Key.StartsWith(field + ".", StringComparison.Ordinal)))
            {
                var appraised = sent.Round2 ?? sent.Round1;
                if (sent.Self is { } s && appraised is { } a)
                {
                    var sign = ReliabilityFixture.IsPenalty(leaf) ? -1m : 1m;
                    (e.Self, e.Appraised, e.Compared) = (e.Self + (sign * s), e.Appraised + (sign * a), e.Compared + 1);
                    e.Over += sign * s > sign * a ? 1 : 0;
                    e.Under += sign * s < sign * a ? 1 : 0;
                }
                else if (sent.Self is not null)
                {
                    e.Awaiting++;
                }
                else if (appraised is not null)
                {
                    e.Unclaimed++;
                }
            }

            if (e.Compared > 0)
            {
                list.Add(e);
            }
        }

        return list;
    }

    private sealed class Expectation(string code, string name)
    {
        public string Code { get; } = code;

        public string Name { get; } = name;

        public decimal Self { get; set; }

        public decimal Appraised { get; set; }

        public decimal Gap => Self - Appraised;

        public int Compared { get; set; }

        public int Over { get; set; }

        public int Under { get; set; }

        public int Awaiting { get; set; }

        public int Unclaimed { get; set; }
    }
}
