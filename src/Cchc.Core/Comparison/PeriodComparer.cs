namespace Cchc.Core.Comparison;

/// <summary>
/// Compares a unit, or a whole scope, between two periods of the same units ("giảm 7 bậc so với năm 2021"). Across
/// the July 2025 merger the earlier figures are formed from predecessors instead: <see cref="MergedStandings"/>.
/// </summary>
public static class PeriodComparer
{
    /// <summary>
    /// The unit against its own earlier figures, overall and for each field of the later framework that the earlier
    /// framework also has (matched by code).
    /// </summary>
    /// <exception cref="KeyNotFoundException">The unit is not in the later scope.</exception>
    public static UnitComparison CompareUnit(ScopeStandings earlier, ScopeStandings later, string unitCode)
    {
        ArgumentNullException.ThrowIfNull(earlier);
        ArgumentNullException.ThrowIfNull(later);
        var now = later.StandingOf(unitCode) ?? throw new KeyNotFoundException($"Unit {unitCode} has no result in {later.Period}.");
        var before = earlier.StandingOf(unitCode);
        return new UnitComparison(now, before, [], ClassChangeOf(later, before?.ClassName, now.ClassName), Fields(earlier, later, unitCode));
    }

    /// <summary>Every unit of the later scope, in its ranking order, then those not ranked.</summary>
    public static IReadOnlyList<UnitComparison> CompareScope(ScopeStandings earlier, ScopeStandings later)
    {
        ArgumentNullException.ThrowIfNull(later);
        return [.. OrderOf(later).Select(code => CompareUnit(earlier, later, code))];
    }

    /// <summary>The later scope's units: ranked ones in ranking order, then the others.</summary>
    internal static IEnumerable<string> OrderOf(ScopeStandings later) =>
        later.Overall.Ranked.Select(r => r.UnitCode).Concat(later.Overall.Unranked.Select(u => u.UnitCode));

    internal static ClassChange? ClassChangeOf(ScopeStandings later, string? from, string? to)
    {
        if (from is null && to is null)
        {
            return null;
        }

        var (fromPosition, toPosition) = (later.Framework.ClassPosition(from), later.Framework.ClassPosition(to));
        return new ClassChange(from, to, fromPosition >= 0 && toPosition >= 0 ? fromPosition - toPosition : null);
    }

    private static List<FieldComparison> Fields(ScopeStandings earlier, ScopeStandings later, string unitCode)
    {
        var result = later.Result(unitCode)!;
        var before = earlier.Result(unitCode);
        var fields = new List<FieldComparison>();
        foreach (var field in result.Fields.Where(f => earlier.Framework.Contains(f.Code)))
        {
            var earlierNode = before?.Node(field.Code);
            fields.Add(new FieldComparison(
                field.Code,
                field.Name,
                earlierNode?.Name,
                earlierNode?.Index,
                field.Index,
                before is null ? null : earlier.ForNode(field.Code).Find(unitCode)?.Rank,
                later.ForNode(field.Code).Find(unitCode)?.Rank));
        }

        return fields;
    }
}
