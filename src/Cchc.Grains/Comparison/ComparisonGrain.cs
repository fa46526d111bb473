using Cchc.Core;
using Cchc.Core.Comparison;
using Cchc.Core.Frameworks;
using Cchc.Core.Scorecards;
using Cchc.Core.Units;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;

namespace Cchc.Grains.Comparison;

/// <summary>
/// Builds each year's standings of a scope from its communes' stored entries, scored against one framework copy per
/// province and year (cached on the framework's version), and compares them with the core's
/// <see cref="PeriodComparer"/>.
/// </summary>
public sealed class ComparisonGrain : Grain, IComparisonGrain
{
    // Frameworks of the provinces this scope's comparisons touch: at most a handful (a merged province's old ones).
    private const int MaxFrameworks = 16;
    private readonly Dictionary<string, FrameworkCache> _frameworks = new(StringComparer.Ordinal);

    public async Task<YearComparison> CompareYearsAsync(int yearA, int yearB, string? unitCode, CancellationToken cancellationToken = default)
    {
        var scope = this.GetPrimaryKeyString();
        if (yearA >= yearB)
        {
            throw RequestRejectedException.Invalid($"Year A {yearA} must be earlier than year B {yearB}.");
        }

        var later = await StandingsAsync(scope, yearB, cancellationToken);
        if (later.Standings is not { } laterStandings)
        {
            throw RequestRejectedException.Precondition($"{later.MissingReason} So {scope} has no results to compare.");
        }

        if (unitCode is not null && laterStandings.Result(unitCode) is null)
        {
            throw RequestRejectedException.NotFound($"Commune {unitCode} is not in {scope} in {yearB}; check the codes.");
        }

        List<string> codes = unitCode is null
            ? [.. laterStandings.Overall.Ranked.Select(r => r.UnitCode), .. laterStandings.Overall.Unranked.Select(u => u.UnitCode)]
            : [unitCode];
        if (!UnitCodes.CrossesMerger(yearA, yearB))
        {
            var earlier = await StandingsAsync(scope, yearA, cancellationToken);
            return new YearComparison(scope, yearA, yearB, [.. codes.Select(code => earlier.Standings is { } e
                ? Row(PeriodComparer.CompareUnit(e, laterStandings, code), e.Framework, null)
                : Missing(laterStandings, code, new PredecessorMap(), earlier.MissingReason!))]);
        }

        // Across the July 2025 merger a commune is compared with the old communes it was formed from, each ranked in
        // its own old province: the basis is looked for in the province of each predecessor in turn.
        var predecessors = new PredecessorMap();
        var scopesByUnit = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var code in codes)
        {
            var membership = await GrainFactory.GetGrain<IUnitGrain>(code).GetMembershipAsync(yearB, cancellationToken);
            List<UnitPredecessor> mapped = [.. (membership?.Predecessors ?? []).OrderBy(p => p.Partial)];
            predecessors.Add(code, mapped.Select(p => new Predecessor(p.Code, p.Name, !p.Partial)));
            var scopes = new List<string>();
            foreach (var old in mapped)
            {
                if (await GrainFactory.GetGrain<IUnitGrain>(old.Code).GetMembershipAsync(yearA, cancellationToken) is { } was &&
                    !scopes.Contains(was.ProvinceCode))
                {
                    scopes.Add(was.ProvinceCode);
                }
            }

            scopesByUnit[code] = scopes;
        }

        var earlierByScope = new Dictionary<string, ScopeResult>(StringComparer.Ordinal);
        foreach (var old in scopesByUnit.Values.SelectMany(s => s).Distinct(StringComparer.Ordinal))
        {
            earlierByScope[old] = await StandingsAsync(old, yearA, cancellationToken);
        }

        var rows = new List<UnitComparisonRow>(codes.Count);
        foreach (var code in codes)
        {
            var candidates = scopesByUnit[code].Select(s => earlierByScope[s]).ToList();
            List<ScopeStandings> available = [.. candidates.Select(c => c.Standings).OfType<ScopeStandings>()];
            var compared = PeriodComparer.CompareUnitAcross(available, laterStandings, code, predecessors);
            var reasons = candidates.Where(c => c.Standings is null).Select(c => c.MissingReason!).ToList();
            var reason = compared.Comparison.Earlier is not null ? null
                : reasons.Count > 0 ? string.Join(" ", reasons) + $" So commune {code} has no {yearA} figures to compare with."
                : candidates.Count == 0 ? $"None of the units commune {code} was formed from is registered for {yearA}."
                : null;
            rows.Add(reason is not null && available.Count == 0
                ? Missing(laterStandings, code, predecessors, reason)
                : Row(compared.Comparison, compared.Earlier.Framework, reason));
        }

        return new YearComparison(scope, yearA, yearB, rows);
    }

    /// <summary>A row with year B's figures only: no old scope of the commune has results for year A.</summary>
    private static UnitComparisonRow Missing(ScopeStandings later, string code, PredecessorMap predecessors, string reason)
    {
        var empty = new ScopeStandings(later.Framework, later.Period, []);
        return Row(PeriodComparer.CompareUnit(empty, later, code, predecessors), later.Framework, reason);
    }

    private static UnitComparisonRow Row(UnitComparison comparison, Framework earlierFramework, string? reason)
    {
        List<string> comparedWith = comparison.Predecessors.Count > 0
            ? [.. comparison.Predecessors.OrderByDescending(p => p.IsBasis).Select(p => p.Predecessor.UnitCode)]
            : comparison.Earlier is not null ? [comparison.UnitCode] : [];
        var change = comparison.RankChange;
        var overall = new IndexComparisonRow("", "", comparison.Earlier?.Index, comparison.Later.Index, comparison.IndexChange,
            comparison.Earlier?.ClassName, comparison.Later.ClassName, comparison.Earlier?.Rank?.CompetitionRank,
            comparison.Later.Rank?.CompetitionRank, change?.Places, change?.Phrase);
        return new UnitComparisonRow(
            comparison.UnitCode,
            comparison.Name,
            comparedWith,
            overall,
            [.. comparison.Fields.Where(f => earlierFramework.Contains(f.Code)).Select(Field)],
            [.. comparison.Predecessors.Select(p => new PredecessorRow(p.Predecessor.UnitCode, p.Predecessor.Name, p.Predecessor.Whole,
                p.IsBasis, p.Earlier?.Index, p.Earlier?.ClassName, p.Earlier?.Rank?.CompetitionRank))],
            reason);
    }

    private static IndexComparisonRow Field(FieldComparison field)
    {
        var change = field.RankChange;
        return new IndexComparisonRow(field.Code, field.Name, field.EarlierIndex, field.LaterIndex, field.IndexChange, null, null,
            field.EarlierRank?.CompetitionRank, field.LaterRank?.CompetitionRank, change?.Places, change?.Phrase);
    }

    /// <summary>A scope's annual standings, or why there are none (its province has no framework for the year).</summary>
    private async Task<ScopeResult> StandingsAsync(string scope, int year, CancellationToken cancellationToken)
    {
        var period = Period.Annual(year);
        var province = UnitCodes.IsProvince(scope)
            ? scope
            : (await GrainFactory.GetGrain<IUnitGrain>(scope).GetMembershipAsync(year, cancellationToken))?.ProvinceCode
              ?? throw RequestRejectedException.NotFound($"No province or district {scope} is registered for {year}; check the scope code or import its units.");
        if (await Frameworks(province, year).GetAsync(cancellationToken) is not { } current)
        {
            return new ScopeResult(null, $"Province {province} has no framework for {year}.");
        }

        var candidates = await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period)).GetCandidatesAsync(null, cancellationToken);
        var scores = await Task.WhenAll(candidates.Select(c =>
            GrainFactory.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(c.UnitCode, period)).GetScoresAsync(cancellationToken)));

        // Scored against one framework instance: results of one scope must share their framework.
        var results = scores.Select(s => ScorecardCalculator.Compute(current.Framework, s.State.ToScorecard(s.UnitCode, period)));
        var excluded = candidates.Where(c => c.ExcludedReason is not null).ToDictionary(c => c.UnitCode, c => c.ExcludedReason!, StringComparer.Ordinal);
        return new ScopeResult(new ScopeStandings(current.Framework, period, results, excluded), null);
    }

    private FrameworkCache Frameworks(string province, int year)
    {
        var key = GrainKeys.ForYear(province, year);
        if (!_frameworks.TryGetValue(key, out var cache))
        {
            if (_frameworks.Count >= MaxFrameworks)
            {
                _frameworks.Clear();
            }

            cache = _frameworks[key] = new FrameworkCache(GrainFactory, province, year);
        }

        return cache;
    }

    private sealed record ScopeResult(ScopeStandings? Standings, string? MissingReason);
}
