using Cchc.Core.Frameworks;
using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;

namespace Cchc.Core.Comparison;

/// <summary>
/// The figures the communes of a scope formed by the July 2025 merger held in a period before it, formed from their
/// predecessors (the old communes of the merge data), and their comparison with a later period.
/// <para>
/// The rule. A new commune's figure for an earlier period is formed from its predecessors that have a result there
/// (ranked in their old scope): its full predecessors when at least one of them has one, otherwise its partial ones
/// (a partial predecessor mostly went elsewhere, so it speaks for this commune only when nothing whole does). The
/// index is the arithmetic mean of those contributors' indices, each weighted equally (the merge data gives no
/// population or area to weight by), rounded once to two decimals; each field's component index is the mean over the
/// contributors whose framework has that field and evaluated something under it. The class is the band of the formed
/// index under the earlier framework of the first contributor's (listed order) old scope. The earlier rank is the
/// competition rank of the formed index among the formed indices of all units of the later scope that have one (the
/// place the unit would have held then among today's units of its scope), with that unit count; per field the same.
/// A unit with one predecessor is the case of one contributor. Every predecessor is still listed with its own figures
/// and the rank it held in its old scope.
/// </para>
/// </summary>
public sealed class MergedStandings
{
    private readonly ScopeStandings _later;
    private readonly IReadOnlyList<ScopeStandings> _earlierScopes;
    private readonly PredecessorMap _predecessors;
    private readonly Dictionary<string, Formed> _formed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RankingResult> _byField = new(StringComparer.Ordinal);

    private MergedStandings(ScopeStandings later, Period earlierPeriod, IReadOnlyList<ScopeStandings> earlierScopes, PredecessorMap predecessors)
    {
        _later = later;
        _earlierScopes = earlierScopes;
        _predecessors = predecessors;
        EarlierPeriod = earlierPeriod;
        foreach (var code in PeriodComparer.OrderOf(later))
        {
            _formed[code] = Form(code);
        }

        Overall = Ranker.Rank(_formed.Values.Where(f => f.Index is not null).Select(f => new RankCandidate(f.UnitCode, f.Name, f.Index)));
    }

    public Period EarlierPeriod { get; }

    /// <summary>The ranking of the formed indices: the later scope's units as they would have stood in the earlier period.</summary>
    public RankingResult Overall { get; }

    /// <summary>Forms the earlier figures of every unit of <paramref name="later"/>.</summary>
    /// <param name="earlierScopes">The old scopes the predecessors were ranked in, all of <paramref name="earlierPeriod"/>; those without results are left out.</param>
    /// <exception cref="ArgumentException">An earlier scope is of another period.</exception>
    public static MergedStandings Form(ScopeStandings later, Period earlierPeriod, IReadOnlyList<ScopeStandings> earlierScopes, PredecessorMap predecessors)
    {
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(earlierPeriod);
        ArgumentNullException.ThrowIfNull(earlierScopes);
        ArgumentNullException.ThrowIfNull(predecessors);
        if (earlierScopes.FirstOrDefault(s => s.Period != earlierPeriod) is { } other)
        {
            throw new ArgumentException($"An earlier scope holds {other.Period}, not {earlierPeriod}.", nameof(earlierScopes));
        }

        return new MergedStandings(later, earlierPeriod, earlierScopes, predecessors);
    }

    /// <summary>The unit's formed earlier index, or null when none of its predecessors has a result in the earlier period.</summary>
    /// <exception cref="KeyNotFoundException">The unit is not in the later scope.</exception>
    public decimal? IndexOf(string unitCode) => Get(unitCode).Index;

    /// <summary>The ranking of the formed component indices of one field (by its code in the later framework).</summary>
    public RankingResult ForField(string code)
    {
        if (!_byField.TryGetValue(code, out var ranking))
        {
            ranking = Ranker.Rank(_formed.Values
                .Select(f => new RankCandidate(f.UnitCode, f.Name, FieldIndex(f.Contributors, code)))
                .Where(c => c.Index is not null));
            _byField[code] = ranking;
        }

        return ranking;
    }

    /// <summary>The unit against its formed earlier figures, overall and per field.</summary>
    /// <exception cref="KeyNotFoundException">The unit is not in the later scope.</exception>
    public UnitComparison Compare(string unitCode)
    {
        var formed = Get(unitCode);
        var now = _later.StandingOf(unitCode)!;
        var before = formed.Index is { } index ? new Standing(unitCode, now.Name, index, formed.ClassName, Overall.Find(unitCode)?.Rank) : null;
        var predecessors = _predecessors.Of(unitCode)
            .Select(p => new PredecessorStanding(p, OwnStanding(p), formed.Contributors.Any(c => c.Predecessor == p)))
            .ToList();
        return new UnitComparison(now, before, predecessors, PeriodComparer.ClassChangeOf(_later, before?.ClassName, now.ClassName), Fields(formed));
    }

    /// <summary>Every unit of the later scope, in its ranking order, then those not ranked.</summary>
    public IReadOnlyList<UnitComparison> CompareScope() => [.. _formed.Keys.Select(Compare)];

    private Formed Get(string unitCode) =>
        _formed.TryGetValue(unitCode, out var formed) ? formed : throw new KeyNotFoundException($"Unit {unitCode} has no result in {_later.Period}.");

    private Formed Form(string unitCode)
    {
        var withResults = _predecessors.Of(unitCode)
            .Select(p => (Predecessor: p, Scope: _earlierScopes.FirstOrDefault(s => s.Overall.Find(p.UnitCode) is not null)))
            .Where(x => x.Scope is not null)
            .Select(x => new Contributor(x.Predecessor, x.Scope!, x.Scope!.Result(x.Predecessor.UnitCode)!))
            .ToList();
        List<Contributor> contributors = withResults.Any(c => c.Predecessor.Whole)
            ? [.. withResults.Where(c => c.Predecessor.Whole)]
            : withResults;
        var index = Mean(contributors.Select(c => c.Result.Index));
        var name = _later.Result(unitCode)!.UnitName;
        return new Formed(unitCode, name, contributors, index, index is { } i ? contributors[0].Scope.Framework.ClassOf(i) : null);
    }

    private List<FieldComparison> Fields(Formed formed)
    {
        // The frameworks the unit's earlier figures were read against: its contributors', or failing them those of the
        // old scopes that hold any predecessor at all; with none, the later framework itself (all fields, no figures).
        var predecessors = _predecessors.Of(formed.UnitCode);
        List<Framework> frameworks = formed.Contributors.Count > 0
            ? [.. formed.Contributors.Select(c => c.Scope.Framework)]
            : [.. _earlierScopes.Where(s => predecessors.Any(p => s.Result(p.UnitCode) is not null)).Select(s => s.Framework)];
        var result = _later.Result(formed.UnitCode)!;
        var fields = new List<FieldComparison>();
        foreach (var field in result.Fields.Where(f => frameworks.Count == 0 || frameworks.Any(fw => fw.Contains(f.Code))))
        {
            var earlierName = formed.Contributors.Select(c => c.Scope.Framework).FirstOrDefault(fw => fw.Contains(field.Code))?.Node(field.Code).Name;
            var index = FieldIndex(formed.Contributors, field.Code);
            fields.Add(new FieldComparison(
                field.Code,
                field.Name,
                earlierName,
                index,
                field.Index,
                index is null ? null : ForField(field.Code).Find(formed.UnitCode)?.Rank,
                _later.ForNode(field.Code).Find(formed.UnitCode)?.Rank));
        }

        return fields;
    }

    private static decimal? FieldIndex(IReadOnlyList<Contributor> contributors, string code) =>
        Mean(contributors.Where(c => c.Scope.Framework.Contains(code)).Select(c => c.Result.Node(code).Index));

    /// <summary>The mean of the figures present, each weighing the same, rounded once; null when there is none.</summary>
    private static decimal? Mean(IEnumerable<decimal?> figures)
    {
        var present = figures.OfType<decimal>().ToList();
        return present.Count == 0 ? null : OfficialFigure.Round(present.Sum() / present.Count);
    }

    /// <summary>
    /// The predecessor's figures in its old scope; a predecessor listed apart there (no scores entered) shows no index,
    /// as the zero its empty card computes to was never a result.
    /// </summary>
    private Standing? OwnStanding(Predecessor predecessor)
    {
        var scope = _earlierScopes.FirstOrDefault(s => s.Result(predecessor.UnitCode) is not null);
        var standing = scope?.StandingOf(predecessor.UnitCode);
        return standing is not null && scope!.ExcludedReason(predecessor.UnitCode) is not null
            ? standing with { Index = null, ClassName = null }
            : standing;
    }

    private sealed record Contributor(Predecessor Predecessor, ScopeStandings Scope, ScorecardResult Result);

    private sealed record Formed(string UnitCode, string Name, IReadOnlyList<Contributor> Contributors, decimal? Index, string? ClassName);
}
