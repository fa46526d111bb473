using Cchc.Core;
using Cchc.Core.Comparison;
using Cchc.Core.Scorecards;
using Cchc.Core.Units;
using Cchc.Grains.Frameworks;
using Cchc.Grains.Ranking;
using Cchc.Grains.Scoring;
using Cchc.Grains.Units;

namespace Cchc.Grains.Comparison;

/// <summary>
/// Builds each period's standings of a scope from its communes' stored entries, scored against one framework copy per
/// province and year (cached on the framework's version), and compares them with the core's
/// <see cref="PeriodComparer"/>, or across the July 2025 merger with <see cref="MergedStandings"/>.
/// </summary>
public sealed class ComparisonGrain : Grain, IComparisonGrain
{
    // Frameworks of the provinces this scope's comparisons touch: at most a handful (a merged province's old ones).
    private const int MaxFrameworks = 16;
    private readonly Dictionary<string, FrameworkCache> _frameworks = new(StringComparer.Ordinal);

    public async Task<YearComparison> CompareYearsAsync(int yearA, int yearB, string? unitCode, CancellationToken cancellationToken = default)
    {
        if (yearA >= yearB)
        {
            throw RequestRejectedException.Invalid($"Year A {yearA} must be earlier than year B {yearB}.");
        }

        var units = await CompareAsync(Period.Annual(yearA), Period.Annual(yearB), unitCode, cancellationToken);
        return new YearComparison(this.GetPrimaryKeyString(), yearA, yearB, units);
    }

    public async Task<PeriodComparison> ComparePeriodsAsync(string periodA, string periodB, string? unitCode, CancellationToken cancellationToken = default)
    {
        var (a, b) = (Parse(periodA, "A"), Parse(periodB, "B"));
        if (PeriodPair.ProblemWith(a, b) is { } problem)
        {
            throw RequestRejectedException.Invalid(problem);
        }

        var units = await CompareAsync(a, b, unitCode, cancellationToken);
        return new PeriodComparison(this.GetPrimaryKeyString(), a.ToString(), b.ToString(), units);
    }

    private async Task<List<UnitComparisonRow>> CompareAsync(Period a, Period b, string? unitCode, CancellationToken cancellationToken)
    {
        var scope = this.GetPrimaryKeyString();
        var later = await StandingsAsync(scope, b, cancellationToken);
        if (later.Standings is not { } laterStandings)
        {
            throw RequestRejectedException.Precondition(later.NotServed ? later.MissingReason! : $"{later.MissingReason} So {scope} has no results to compare.");
        }

        if (unitCode is not null && laterStandings.Result(unitCode) is null)
        {
            throw RequestRejectedException.NotFound($"Commune {unitCode} is not in {scope} in {b.Year}; check the codes.");
        }

        List<string> all = [.. laterStandings.Overall.Ranked.Select(r => r.UnitCode), .. laterStandings.Overall.Unranked.Select(u => u.UnitCode)];
        List<string> codes = unitCode is null ? all : [unitCode];
        if (!UnitCodes.CrossesMerger(a.Year, b.Year))
        {
            var earlier = await StandingsAsync(scope, a, cancellationToken);
            if (earlier.NotServed)
            {
                throw RequestRejectedException.Precondition(earlier.MissingReason!);
            }

            var empty = new ScopeStandings(laterStandings.Framework, b, []);
            return [.. codes.Select(code => Row(PeriodComparer.CompareUnit(earlier.Standings ?? empty, laterStandings, code), earlier.MissingReason))];
        }

        // Across the July 2025 merger a commune's period-A figure is formed from the old communes it came from, each
        // ranked in its own old province; its rank is its place among the formed figures of the whole scope, so every
        // commune of the scope is formed even when one is asked for.
        var predecessors = new PredecessorMap();
        var memberships = await Task.WhenAll(all.Select(code => GrainFactory.GetGrain<IUnitGrain>(code).GetMembershipAsync(b.Year, cancellationToken)));
        var oldCodes = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < all.Count; i++)
        {
            var mapped = memberships[i]?.Predecessors ?? [];
            predecessors.Add(all[i], mapped.Select(p => new Predecessor(p.Code, p.Name, !p.Partial)));
            oldCodes.UnionWith(mapped.Select(p => p.Code));
        }

        var oldCodeList = oldCodes.ToList();
        var oldMemberships = await Task.WhenAll(oldCodeList.Select(code => GrainFactory.GetGrain<IUnitGrain>(code).GetMembershipAsync(a.Year, cancellationToken)));
        var provinceOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < oldCodeList.Count; i++)
        {
            if (oldMemberships[i] is { } was)
            {
                provinceOf[oldCodeList[i]] = was.ProvinceCode;
            }
        }

        var earlierByScope = new Dictionary<string, ScopeResult>(StringComparer.Ordinal);
        foreach (var old in provinceOf.Values.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            earlierByScope[old] = await StandingsAsync(old, a, cancellationToken);
        }

        var merged = MergedStandings.Form(laterStandings, a, [.. earlierByScope.Values.Select(s => s.Standings).OfType<ScopeStandings>()], predecessors);
        var rows = new List<UnitComparisonRow>(codes.Count);
        foreach (var code in codes)
        {
            var comparison = merged.Compare(code);
            var scopes = predecessors.Of(code).Select(p => provinceOf.GetValueOrDefault(p.UnitCode)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var reasons = scopes.Select(s => earlierByScope[s]).Where(s => s.Standings is null).Select(s => s.MissingReason!).ToList();
            var reason = comparison.Earlier is not null ? null
                : reasons.Count > 0 ? string.Join(" ", reasons) + $" So commune {code} has no {a} figures to compare with."
                : scopes.Count == 0 ? $"None of the units commune {code} was formed from is registered for {a.Year}."
                : null;
            rows.Add(Row(comparison, reason));
        }

        return rows;
    }

    private static UnitComparisonRow Row(UnitComparison comparison, string? reason)
    {
        List<string> comparedWith = comparison.Predecessors.Count > 0
            ? [.. comparison.Predecessors.OrderByDescending(p => p.Contributed).Select(p => p.Predecessor.UnitCode)]
            : comparison.Earlier is not null ? [comparison.UnitCode] : [];
        var change = comparison.RankChange;
        var overall = new IndexComparisonRow("", "", comparison.Earlier?.Index, comparison.Later.Index, comparison.IndexChange,
            comparison.Earlier?.ClassName, comparison.Later.ClassName, comparison.Earlier?.Rank?.CompetitionRank,
            comparison.Later.Rank?.CompetitionRank, change?.Places, change?.Phrase, comparison.Earlier?.Rank?.UnitCount, comparison.Later.Rank?.UnitCount);
        return new UnitComparisonRow(
            comparison.UnitCode,
            comparison.Name,
            comparedWith,
            overall,
            [.. comparison.Fields.Select(Field)],
            [.. comparison.Predecessors.Select(p => new PredecessorRow(p.Predecessor.UnitCode, p.Predecessor.Name, p.Predecessor.Whole,
                p.Contributed, p.Earlier?.Index, p.Earlier?.ClassName, p.Earlier?.Rank?.CompetitionRank, p.Earlier?.Rank?.UnitCount))],
            reason);
    }

    private static IndexComparisonRow Field(FieldComparison field)
    {
        var change = field.RankChange;
        return new IndexComparisonRow(field.Code, field.Name, field.EarlierIndex, field.LaterIndex, field.IndexChange, null, null,
            field.EarlierRank?.CompetitionRank, field.LaterRank?.CompetitionRank, change?.Places, change?.Phrase,
            field.EarlierRank?.UnitCount, field.LaterRank?.UnitCount);
    }

    private static Period Parse(string text, string which)
    {
        try
        {
            return Periods.Parse(text);
        }
        catch (Exception e) when (e is FormatException or OverflowException or ArgumentException or IndexOutOfRangeException)
        {
            throw RequestRejectedException.Invalid($"Period {which} '{text}' is not a period; write it as 2024, 2024-H1 or 2024-Q3.");
        }
    }

    /// <summary>
    /// A scope's standings in a period, or why there are none: its province has no framework for the year, or has one
    /// that does not serve the period's kind (<see cref="ScopeResult.NotServed"/>).
    /// </summary>
    private async Task<ScopeResult> StandingsAsync(string scope, Period period, CancellationToken cancellationToken)
    {
        var province = UnitCodes.IsProvince(scope)
            ? scope
            : (await GrainFactory.GetGrain<IUnitGrain>(scope).GetMembershipAsync(period.Year, cancellationToken))?.ProvinceCode
              ?? throw RequestRejectedException.NotFound($"No province or district {scope} is registered for {period.Year}; check the scope code or import its units.");
        if (await Frameworks(province, period.Year).GetAsync(cancellationToken) is not { } current)
        {
            return new ScopeResult(null, $"Province {province} has no framework for {period.Year}.", false);
        }

        if (!current.Framework.Serves(period.Kind))
        {
            return new ScopeResult(null,
                $"The {period.Year} framework of province {province} does not serve {PeriodPair.KindName(period.Kind)} periods; it serves " +
                $"{string.Join(", ", current.Framework.Definition.Periods.Select(PeriodPair.KindName))}.", true);
        }

        var candidates = await GrainFactory.GetGrain<IRankingGrain>(GrainKeys.ForPeriod(scope, period)).GetCandidatesAsync(null, cancellationToken);
        var scores = await Task.WhenAll(candidates.Select(c =>
            GrainFactory.GetGrain<ICommuneGrain>(GrainKeys.ForPeriod(c.UnitCode, period)).GetScoresAsync(cancellationToken)));

        // Scored against one framework instance: results of one scope must share their framework.
        var results = scores.Select(s => ScorecardCalculator.Compute(current.Framework, s.State.ToScorecard(s.UnitCode, period)));
        var excluded = candidates.Where(c => c.ExcludedReason is not null).ToDictionary(c => c.UnitCode, c => c.ExcludedReason!, StringComparer.Ordinal);
        return new ScopeResult(new ScopeStandings(current.Framework, period, results, excluded), null, false);
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

    private sealed record ScopeResult(ScopeStandings? Standings, string? MissingReason, bool NotServed);
}
