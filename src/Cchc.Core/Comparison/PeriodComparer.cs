namespace Cchc.Core.Comparison;

/// <summary>Compares a unit, or a whole scope, between two periods ("giảm 7 bậc so với năm 2021").</summary>
public static class PeriodComparer
{
    /// <exception cref="KeyNotFoundException">The unit is not in the later scope.</exception>
    public static UnitComparison CompareUnit(ScopeStandings earlier, ScopeStandings later, string unitCode, PredecessorMap? predecessors = null)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var now = later.StandingOf(unitCode) ?? throw new KeyNotFoundException($"Unit {unitCode} has no result in {later.Period}.");
        var mapped = predecessors?.Of(unitCode) ?? [];
        var basisCode = mapped.Count == 0
            ? unitCode
            : PredecessorMap.InBasisOrder(mapped).FirstOrDefault(p => earlier.Result(p.UnitCode) is not null)?.UnitCode;
        var before = basisCode is null ? null : earlier.StandingOf(basisCode);
        var predecessorStandings = mapped
            .Select(p => new PredecessorStanding(p, earlier.StandingOf(p.UnitCode), p.UnitCode == basisCode))
            .ToList();
        return new UnitComparison(now, before, predecessorStandings, ClassChangeOf(later, before?.ClassName, now.ClassName), Fields(earlier, later, basisCode, unitCode));
    }

    /// <summary>
    /// Across the July 2025 merger a new unit's predecessors were ranked in their own old scopes: the basis is looked
    /// for in each of <paramref name="earlierScopes"/> in turn (the scopes of its predecessors, in basis order), and the
    /// first scope holding a predecessor's figures gives the comparison. Without any, the comparison has no earlier
    /// figures, read against the first scope (or an empty one of the later framework when there is none).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The unit is not in the later scope.</exception>
    public static BasisComparison CompareUnitAcross(IReadOnlyList<ScopeStandings> earlierScopes, ScopeStandings later, string unitCode, PredecessorMap predecessors)
    {
        ArgumentNullException.ThrowIfNull(earlierScopes);
        ArgumentNullException.ThrowIfNull(later);
        ArgumentNullException.ThrowIfNull(predecessors);
        BasisComparison? first = null;
        foreach (var earlier in earlierScopes)
        {
            var compared = new BasisComparison(CompareUnit(earlier, later, unitCode, predecessors), earlier);
            if (compared.Comparison.Earlier is not null)
            {
                return compared;
            }

            first ??= compared;
        }

        if (first is not null)
        {
            return first;
        }

        var empty = new ScopeStandings(later.Framework, later.Period, []);
        return new BasisComparison(CompareUnit(empty, later, unitCode, predecessors), empty);
    }

    /// <summary>Every unit of the later scope, in its ranking order, then those not ranked.</summary>
    public static IReadOnlyList<UnitComparison> CompareScope(ScopeStandings earlier, ScopeStandings later, PredecessorMap? predecessors = null)
    {
        ArgumentNullException.ThrowIfNull(later);
        return
        [
            .. later.Overall.Ranked.Select(r => CompareUnit(earlier, later, r.UnitCode, predecessors)),
            .. later.Overall.Unranked.Select(u => CompareUnit(earlier, later, u.UnitCode, predecessors)),
        ];
    }

    private static ClassChange? ClassChangeOf(ScopeStandings later, string? from, string? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        var (fromPosition, toPosition) = (later.Framework.ClassPosition(from), later.Framework.ClassPosition(to));
        return new ClassChange(from, to, fromPosition >= 0 && toPosition >= 0 ? fromPosition - toPosition : null);
    }

    private static List<FieldComparison> Fields(ScopeStandings earlier, ScopeStandings later, string? basisCode, string unitCode)
    {
        var result = later.Result(unitCode)!;
        var before = basisCode is null ? null : earlier.Result(basisCode);
        var fields = new List<FieldComparison>();
        foreach (var field in result.Fields)
        {
            var known = before is not null && earlier.Framework.Contains(field.Code);
            var earlierNode = known ? before!.Node(field.Code) : null;
            fields.Add(new FieldComparison(
                field.Code,
                field.Name,
                earlierNode?.Name,
                earlierNode?.Index,
                field.Index,
                known ? earlier.ForNode(field.Code).Find(basisCode!)?.Rank : null,
                later.ForNode(field.Code).Find(unitCode)?.Rank));
        }

        return fields;
    }
}
