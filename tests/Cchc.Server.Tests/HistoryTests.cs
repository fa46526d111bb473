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
        string[] all = ["19384", "19408", "19414", "19423"];
        Assert.Equal(all, predecessors.Select(p => p.Code));

        // All four joined wholly and all were scored in every old year, so all four contribute to each year's figure.
        Assert.All(predecessors, p => Assert.False(p.Partial));

        // The 9 communes of new Quảng Trị formed from Vĩnh Linh and Gio Linh all have formed figures, so the rank is among 9.
        Assert.Equal(9, fixture.NewCommunes.Count);
        foreach (var row in history.Rows.Where(r => r.Year <= 2024))
        {
            var province = fixture.Standings(row.Year).Overall;
            var season = fixture.Seasons[row.Year];
            decimal Own(string code) => season.Result(fixture.OldCommunes.Single(c => c.Code == code)).Index!.Value;

            // The merger rule of ranking.proto, worked out from what was submitted: the equal-weight mean of the four
            // predecessors' own indices, rounded once to 2 decimals.
            var expected = OfficialFigure.Round((Own("19384") + Own("19408") + Own("19414") + Own("19423")) / 4m);
            var formed = fixture.NewCommunes.Select(c => FormedIndex(row.Year, c.Code)).OfType<decimal>().ToList();
            var rank = 1 + formed.Count(other => other > expected);

            Assert.True(row.FromPredecessors);
            Assert.Equal(all, row.Codes);
            Assert.Equal((OfficialFigure.Format(expected), season.Framework.ClassOf(expected)), (row.Index, row.ClassName));
            Assert.Equal(expected, FormedIndex(row.Year, cuaTung));
            Assert.Equal((rank, 9), (row.ProvinceRank.Rank, row.ProvinceRank.UnitCount));
            Assert.Equal(9, formed.Count);
            Assert.Null(row.DistrictRank);
            Assert.Equal(("", "", ""), (row.ProvinceCode, row.DistrictCode, row.MissingReason));

            // Each predecessor's own figures that year, ranked in its old district and province: no merger rule involved.
            Assert.Equal(predecessors.Select(p => (p.Code, p.Name, !p.Partial, true)), row.Predecessors.Select(p => (p.UnitCode, p.UnitName, p.Whole, p.Contributed)));
            var district = fixture.Standings(row.Year, HistoryFixture.VinhLinh).Overall;
            foreach (var shown in row.Predecessors)
            {
                var was = province.Find(shown.UnitCode)!;
                Assert.Equal(OfficialFigure.Format(was.Index), shown.Index);
                Assert.Equal(OfficialFigure.Format(Own(shown.UnitCode)), shown.Index);
                Assert.Equal((was.Rank.CompetitionRank, 32), (shown.ProvinceRank.Rank, shown.ProvinceRank.UnitCount));
                Assert.Equal((district.Find(shown.UnitCode)!.Rank.CompetitionRank, 18), (shown.DistrictRank.Rank, shown.DistrictRank.UnitCount));
                Assert.Equal((HistoryFixture.OldProvince, HistoryFixture.VinhLinh, ""), (shown.ProvinceCode, shown.DistrictCode, shown.MissingReason));
            }
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

    /// <summary>
    /// A 2025 commune's figure for an old year by the merger rule of ranking.proto, from what was submitted: the mean of
    /// its full predecessors' own indices (its partial ones' only when no full one has a result), rounded once.
    /// </summary>
    private decimal? FormedIndex(int year, string code)
    {
        var season = fixture.Seasons[year];
        var withResult = fixture.Predecessors[code]
            .Select(p => (p.Partial, Commune: fixture.OldCommunes.SingleOrDefault(c => c.Code == p.Code)))
            .Where(p => p.Commune is not null)
            .ToList();
        var contributors = withResult.Any(p => !p.Partial) ? withResult.Where(p => !p.Partial).ToList() : withResult;
        return contributors.Count == 0 ? null
            : OfficialFigure.Round(contributors.Sum(p => season.Result(p.Commune!).Index!.Value) / contributors.Count);
    }

    private static string Phrase(int places) => places > 0 ? $"tăng {places} bậc" : places < 0 ? $"giảm {-places} bậc" : "giữ nguyên";

    private static string Signed(decimal change) => (change > 0 ? "+" : "") + change.ToString("0.00", CultureInfo.InvariantCulture);
}
