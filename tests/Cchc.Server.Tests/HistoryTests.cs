using System.Globalization;
using Cchc.Api.V1;
using Cchc.Core;
using Cchc.Core.Comparison;
using Grpc.Core;

namespace Cchc.Server.Tests;

/// <summary>GetHistory through the real server on Quảng Trị's real communes (see <see cref="HistoryFixture"/>).</summary>
public sealed class HistoryTests(HistoryFixture fixture) : IClassFixture<HistoryFixture>
{
    [Fact]
    public async Task An_old_commune_shows_each_year_with_its_ranks_in_district_and_province_and_the_moves_between_them()
    {
        const string hienThanh = "19408";
        var history = await fixture.Reader.Analysis.GetHistoryAsync(new GetHistoryRequest { CommuneCode = hienThanh }).ResponseAsync;

        Assert.Equal(("19408", "Xã Hiền Thành"), (history.UnitCode, history.UnitName));
        Assert.Equal(HistoryFixture.OldYears, history.Rows.Select(r => r.Year));
        (decimal Index, int Rank)? previous = null;
        foreach (var row in history.Rows)
        {
            var province = fixture.Standings(row.Year).Overall;
            var district = fixture.Standings(row.Year, HistoryFixture.VinhLinh).Overall;
            var result = fixture.Seasons[row.Year].Result(fixture.OldCommunes.Single(c => c.Code == hienThanh));
            var (inProvince, inDistrict) = (province.Find(hienThanh)!.Rank, district.Find(hienThanh)!.Rank);

            Assert.Equal([hienThanh], row.Codes);
            Assert.False(row.FromPredecessors);
            Assert.Equal((OfficialFigure.Format(result.Index!.Value), result.ClassName), (row.Index, row.ClassName));
            Assert.Equal((inDistrict.CompetitionRank, 18), (row.DistrictRank.Rank, row.DistrictRank.UnitCount));
            Assert.Equal((inProvince.CompetitionRank, 32), (row.ProvinceRank.Rank, row.ProvinceRank.UnitCount));
            Assert.Equal((HistoryFixture.OldProvince, HistoryFixture.VinhLinh, ""), (row.ProvinceCode, row.DistrictCode, row.MissingReason));
            if (previous is { } p)
            {
                var places = p.Rank - inProvince.CompetitionRank;
                Assert.Equal(Signed(result.Index.Value - p.Index), row.IndexChange);
                Assert.Equal((places, Phrase(places)), (row.Places, row.Phrase));
            }
            else
            {
                Assert.Equal(("", ""), (row.IndexChange, row.Phrase));
            }

            previous = (result.Index.Value, inProvince.CompetitionRank);
        }
    }

    [Fact]
    public async Task A_commune_formed_in_2025_is_followed_through_its_predecessors_before_the_merger()
    {
        const string cuaTung = "19414";
        var history = await fixture.Reader.Analysis.GetHistoryAsync(new GetHistoryRequest { CommuneCode = cuaTung }).ResponseAsync;

        Assert.Equal("Xã Cửa Tùng", history.UnitName);
        Assert.Equal([.. HistoryFixture.OldYears, 2025], history.Rows.Select(r => r.Year));
        var predecessors = fixture.Predecessors[cuaTung];
        Assert.Equal(["19384", "19408", "19414", "19423"], predecessors.Select(p => p.Code));
        foreach (var row in history.Rows.Where(r => r.Year <= 2024))
        {
            Assert.True(row.FromPredecessors);
            Assert.Null(row.DistrictRank);
            Assert.NotEmpty(row.Codes);
            Assert.All(row.Codes, code => Assert.Contains(code, predecessors.Select(p => p.Code)));

            // Each predecessor's own figures that year, ranked in its old district and province: no merger rule involved.
            Assert.Equal(predecessors.Select(p => (p.Code, p.Name, !p.Partial)), row.Predecessors.Select(p => (p.UnitCode, p.UnitName, p.Whole)));
            var province = fixture.Standings(row.Year).Overall;
            var district = fixture.Standings(row.Year, HistoryFixture.VinhLinh).Overall;
            foreach (var shown in row.Predecessors)
            {
                var was = province.Find(shown.UnitCode)!;
                Assert.Equal(OfficialFigure.Format(was.Index), shown.Index);
                Assert.Equal((was.Rank.CompetitionRank, 32), (shown.ProvinceRank.Rank, shown.ProvinceRank.UnitCount));
                Assert.Equal((district.Find(shown.UnitCode)!.Rank.CompetitionRank, 18), (shown.DistrictRank.Rank, shown.DistrictRank.UnitCount));
                Assert.Equal((HistoryFixture.OldProvince, HistoryFixture.VinhLinh, ""), (shown.ProvinceCode, shown.DistrictCode, shown.MissingReason));
            }

            // The combined figure is CompareYears' (the merger rule, owned by the comparison grain): here only that it is
            // there; its exact value is asserted by the comparison's own tests.
            Assert.NotEqual("", row.Index);
            Assert.NotEqual(0, row.ProvinceRank.Rank);
            Assert.Equal(1, row.Predecessors.Count(p => p.Basis));
        }

        var now = history.Rows.Single(r => r.Year == 2025);
        var standing = fixture.Standings(2025).Overall.Find(cuaTung)!;
        var result = fixture.Seasons[2025].Result(fixture.NewCommunes.Single(c => c.Code == cuaTung));
        Assert.False(now.FromPredecessors);
        Assert.Equal([cuaTung], now.Codes);
        Assert.Equal((OfficialFigure.Format(result.Index!.Value), result.ClassName), (now.Index, now.ClassName));
        Assert.Null(now.DistrictRank);
        Assert.Equal((standing.Rank.CompetitionRank, fixture.NewCommunes.Count), (now.ProvinceRank.Rank, now.ProvinceRank.UnitCount));
        Assert.Equal((HistoryFixture.NewProvince, ""), (now.ProvinceCode, now.DistrictCode));
        Assert.Empty(now.Predecessors);

        // The move into 2025 is measured from the 2024 row as shown.
        var before = history.Rows.Single(r => r.Year == 2024);
        var places = before.ProvinceRank.Rank - standing.Rank.CompetitionRank;
        Assert.Equal((places, Phrase(places)), (now.Places, now.Phrase));
        Assert.Equal(Signed(result.Index.Value - decimal.Parse(before.Index, CultureInfo.InvariantCulture)), now.IndexChange);
    }

    [Fact]
    public async Task Unknown_or_malformed_communes_and_outsiders_get_a_clear_status()
    {
        var unknown = await Assert.ThrowsAsync<RpcException>(() => fixture.Reader.Analysis.GetHistoryAsync(new GetHistoryRequest { CommuneCode = "99999" }).ResponseAsync);
        var malformed = await Assert.ThrowsAsync<RpcException>(() => fixture.Reader.Analysis.GetHistoryAsync(new GetHistoryRequest { CommuneCode = "1940" }).ResponseAsync);
        var outsider = await Assert.ThrowsAsync<RpcException>(() => fixture.Server.ClientAs(TestTokens.Viewer("01")).Analysis
            .GetHistoryAsync(new GetHistoryRequest { CommuneCode = "19408" }).ResponseAsync);

        Assert.Equal(StatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("Commune 99999 is not in the unit registry", unknown.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.InvalidArgument, malformed.StatusCode);
        Assert.Equal(StatusCode.PermissionDenied, outsider.StatusCode);
    }

    private static string Phrase(int places) => places > 0 ? $"tăng {places} bậc" : places < 0 ? $"giảm {-places} bậc" : "giữ nguyên";

    private static string Signed(decimal change) => (change > 0 ? "+" : "") + change.ToString("0.00", CultureInfo.InvariantCulture);
}
