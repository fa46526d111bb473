using Cchc.Core;
using Cchc.Core.Comparison;
using Cchc.Core.Units;
using Cchc.Grains.Comparison;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Units;

namespace Cchc.Grains.History;

/// <summary>
/// Builds a commune's history from what is stored: its years are the framework years of its province (from the
/// province's <see cref="IFrameworkYearsGrain"/>, one call per province rather than one per possible year), its
/// figures the live ranks of each year's ranking grains. Before 2025 a merged commune's figure, with its rank among the
/// new province's formed figures, is the one <see cref="IComparisonGrain.CompareYearsAsync"/> forms from its
/// predecessors (the merger rule lives in Cchc.Core's MergedStandings only), and each predecessor's own figures are
/// read from its old rankings.
/// </summary>
public sealed class HistoryGrain : Grain, IHistoryGrain
{
    private const int LastThreeTierYear = UnitCodes.LastThreeTierYear;
    private const int FirstTwoTierYear = UnitCodes.LastThreeTierYear + 1;

    public async Task<CommuneHistory> GetHistoryAsync(CancellationToken cancellationToken = default)
    {
        var code = this.GetPrimaryKeyString();
        var unit = GrainFactory.GetGrain<IUnitGrain>(code);
        var now = await unit.GetMembershipAsync(FirstTwoTierYear, cancellationToken) is { Level: UnitLevel.Commune } n ? n : null;
        var before = await unit.GetMembershipAsync(LastThreeTierYear, cancellationToken) is { Level: UnitLevel.Commune } b ? b : null;
        if (now is null && before is null)
        {
            throw RequestRejectedException.NotFound(
                $"Commune {code} is not in the unit registry for {LastThreeTierYear} or {FirstTwoTierYear}; check the code or import its province's units first.");
        }

        List<HistoryYearRow> rows = [];
        if (now is not null)
        {
            var later = await OwnYearsAsync(code, now.ProvinceCode, y => y >= FirstTwoTierYear, cancellationToken);
            rows.AddRange(now.Predecessors.Count > 0
                ? await MergedYearsAsync(code, now, later.Count > 0 ? later[0].Year : null, cancellationToken)
                : before is not null ? await OwnYearsAsync(code, before.ProvinceCode, y => y <= LastThreeTierYear, cancellationToken) : []);
            rows.AddRange(later);
        }
        else
        {
            rows.AddRange(await OwnYearsAsync(code, before!.ProvinceCode, y => y <= LastThreeTierYear, cancellationToken));
        }

        return new CommuneHistory(code, (now ?? before)!.Name, WithChanges(rows));
    }

    /// <summary>The commune's own figures in each framework year of <paramref name="province"/> it was a member of.</summary>
    private async Task<List<HistoryYearRow>> OwnYearsAsync(string code, string province, Func<int, bool> inShape, CancellationToken cancellationToken)
    {
        var rows = await Task.WhenAll((await YearsAsync(province, inShape, cancellationToken)).Select(async year =>
            await GrainFactory.GetGrain<IUnitGrain>(code).GetMembershipAsync(year, cancellationToken) is { Level: UnitLevel.Commune } m && m.ProvinceCode == province
                ? await OwnRowAsync(code, m, year, cancellationToken)
                : null));
        return [.. rows.OfType<HistoryYearRow>()];
    }

    private async Task<HistoryYearRow> OwnRowAsync(string code, UnitMembership membership, int year, CancellationToken cancellationToken)
    {
        var (province, district) = await PlacesAsync(code, membership, year, cancellationToken);
        var figures = province.Index is not null ? province : district ?? province;
        return new HistoryYearRow(year, [code], false, membership.ProvinceCode, membership.DistrictCode, figures.Index, figures.ClassName,
            district?.Rank, province.Rank, null, null, null, figures.Index is null ? figures.Reason : null, []);
    }

    /// <summary>Before the merger: the figure CompareYears forms from the predecessors, and each predecessor's own.</summary>
    private async Task<IReadOnlyList<HistoryYearRow>> MergedYearsAsync(string code, UnitMembership now, int? laterYear, CancellationToken cancellationToken)
    {
        var oldProvinces = new List<string>();
        foreach (var predecessor in now.Predecessors)
        {
            if (await GrainFactory.GetGrain<IUnitGrain>(predecessor.Code).GetMembershipAsync(LastThreeTierYear, cancellationToken) is { } was &&
                !oldProvinces.Contains(was.ProvinceCode))
            {
                oldProvinces.Add(was.ProvinceCode);
            }
        }

        var years = new SortedSet<int>();
        foreach (var province in oldProvinces)
        {
            years.UnionWith(await YearsAsync(province, y => y <= LastThreeTierYear, cancellationToken));
        }

        // One year after another: each CompareYears call reads whole scopes, and the comparison grain serves one at a time anyway.
        var rows = new List<HistoryYearRow>(years.Count);
        foreach (var year in years)
        {
            rows.Add(await MergedRowAsync(code, now, year, laterYear, cancellationToken));
        }

        return rows;
    }

    private async Task<HistoryYearRow> MergedRowAsync(string code, UnitMembership now, int year, int? laterYear, CancellationToken cancellationToken)
    {
        var predecessors = await Task.WhenAll(now.Predecessors.Select(p => PredecessorAsync(p, year, cancellationToken)));
        UnitComparisonRow? compared = null;
        string? refusal = null;
        if (laterYear is not { } later)
        {
            refusal = $"No figure is formed from its predecessors for {year}: CompareYears compares with a later year, and province {now.ProvinceCode} has no framework for {FirstTwoTierYear} or later.";
        }
        else
        {
            try
            {
                var comparison = await GrainFactory.GetGrain<IComparisonGrain>(now.ProvinceCode).CompareYearsAsync(year, later, code, cancellationToken);
                compared = comparison.Units.FirstOrDefault(u => u.UnitCode == code);
            }
            catch (RequestRejectedException e)
            {
                refusal = e.Message;
            }
        }

        var overall = compared?.Overall;
        var contributed = compared?.Predecessors.Where(p => p.Contributed).Select(p => p.Code).ToHashSet(StringComparer.Ordinal) ?? [];
        List<string> codes = [.. now.Predecessors.Select(p => p.Code).Where(c => contributed.Count == 0 || contributed.Contains(c))];
        var reason = overall?.IndexA is not null ? null
            : compared?.MissingReason ?? refusal ?? $"None of the communes it was formed from has an index for {year}.";
        return new HistoryYearRow(year, codes, true, null, null, overall?.IndexA, overall?.ClassA, null,
            overall?.RankA is { } rank and > 0 ? new HistoryRank(rank, overall.UnitCountA) : null, null, null, null, reason,
            [.. predecessors.Select(p => p with { Contributed = contributed.Contains(p.Code) })]);
    }

    private async Task<HistoryPredecessorRow> PredecessorAsync(UnitPredecessor predecessor, int year, CancellationToken cancellationToken)
    {
        var row = new HistoryPredecessorRow(predecessor.Code, predecessor.Name, !predecessor.Partial, false, null, null, null, null, null, null, null);
        if (await GrainFactory.GetGrain<IUnitGrain>(predecessor.Code).GetMembershipAsync(year, cancellationToken) is not { Level: UnitLevel.Commune } was)
        {
            return row with { MissingReason = $"Commune {predecessor.Code} is not in the unit registry for {year}." };
        }

        row = row with { ProvinceCode = was.ProvinceCode, DistrictCode = was.DistrictCode };
        if (await GrainFactory.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(was.ProvinceCode, year)).GetVersionAsync(cancellationToken) == 0)
        {
            return row with { MissingReason = $"Province {was.ProvinceCode} has no framework for {year}." };
        }

        var (province, district) = await PlacesAsync(predecessor.Code, was, year, cancellationToken);
        var figures = province.Index is not null ? province : district ?? province;
        return row with
        {
            Index = figures.Index,
            ClassName = figures.ClassName,
            DistrictRank = district?.Rank,
            ProvinceRank = province.Rank,
            MissingReason = figures.Index is null ? figures.Reason : null,
        };
    }

    /// <summary>The commune's place in its province's and (up to 2024) its district's ranking of the year.</summary>
    private async Task<(Place Province, Place? District)> PlacesAsync(string code, UnitMembership membership, int year, CancellationToken cancellationToken)
    {
        var province = PlaceAsync(membership.ProvinceCode, year, code, cancellationToken);
        var district = membership.DistrictCode is { } d ? PlaceAsync(d, year, code, cancellationToken) : Task.FromResult<Place?>(null);
        return ((await province)!, await district);
    }

    private async Task<Place?> PlaceAsync(string scope, int year, string code, CancellationToken cancellationToken)
    {
        try
        {
            var view = await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, Period.Annual(year))).GetUnitRankAsync(code, null, cancellationToken);
            return view.Row is { } row
                ? new Place(row.Index, row.ClassName, new HistoryRank(row.Rank.CompetitionRank, row.Rank.UnitCount), null)
                : new Place(null, null, null, $"Not ranked in {year}: {view.UnrankedReason}.");
        }
        catch (RequestRejectedException e)
        {
            return new Place(null, null, null, e.Message);
        }
    }

    /// <summary>The framework years of a province in the shape asked, each checked to still have a framework (see <see cref="IFrameworkYearsGrain.AddAsync"/>).</summary>
    private async Task<IReadOnlyList<int>> YearsAsync(string province, Func<int, bool> inShape, CancellationToken cancellationToken)
    {
        var listed = (await GrainFactory.GetGrain<IFrameworkYearsGrain>(province).GetYearsAsync(cancellationToken)).Where(inShape).ToList();
        var versions = await Task.WhenAll(listed.Select(year =>
            GrainFactory.GetGrain<IFrameworkGrain>(GrainKeys.ForYear(province, year)).GetVersionAsync(cancellationToken)));
        return [.. listed.Where((_, i) => versions[i] > 0)];
    }

    /// <summary>Each row's change from the row before it: index change, places moved in the province, and the phrase.</summary>
    private static List<HistoryYearRow> WithChanges(List<HistoryYearRow> rows)
    {
        rows.Sort((x, y) => x.Year.CompareTo(y.Year));
        for (var i = 1; i < rows.Count; i++)
        {
            var (previous, current) = (rows[i - 1], rows[i]);
            var move = previous.ProvinceRank is { } from && current.ProvinceRank is { } to ? new RankChange(from.Rank, to.Rank) : null;
            rows[i] = current with
            {
                IndexChange = current.Index - previous.Index,
                Places = move?.Places,
                Phrase = move?.Phrase,
            };
        }

        return rows;
    }

    private sealed record Place(decimal? Index, string? ClassName, HistoryRank? Rank, string? Reason);
}
