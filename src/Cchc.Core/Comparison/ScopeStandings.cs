using Cchc.Core.Frameworks;
using Cchc.Core.Ranking;
using Cchc.Core.Scorecards;

namespace Cchc.Core.Comparison;

/// <summary>
/// The results of one scope (a district, a province) in one period, with its overall ranking and, on demand,
/// the ranking per field or criterion. Units in <c>excluded</c> are listed apart with the reason given.
/// </summary>
public sealed class ScopeStandings
{
    private readonly Dictionary<string, ScorecardResult> _results = new(StringComparer.Ordinal);
    private readonly Dictionary<string, RankingResult> _byNode = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _excluded;

    /// <exception cref="ArgumentException">A result belongs to another framework or period, or a unit repeats.</exception>
    public ScopeStandings(Framework framework, Period period, IEnumerable<ScorecardResult> results, IReadOnlyDictionary<string, string>? excluded = null)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(results);
        Framework = framework;
        Period = period;
        _excluded = excluded ?? new Dictionary<string, string>();
        foreach (var result in results)
        {
            if (result.Framework != framework || result.Period != period)
            {
                throw new ArgumentException($"Unit {result.UnitCode}: its result for {result.Period} under {result.Framework.Name} does not belong to {period} under {framework.Name}.", nameof(results));
            }

            if (!_results.TryAdd(result.UnitCode, result))
            {
                throw new ArgumentException($"Unit {result.UnitCode} appears more than once in the scope.", nameof(results));
            }
        }

        Overall = Ranker.Rank(_results.Values.Select(r => RankCandidate.Overall(r, _excluded.GetValueOrDefault(r.UnitCode))));
    }

    public Framework Framework { get; }

    public Period Period { get; }

    public RankingResult Overall { get; }

    public IReadOnlyCollection<ScorecardResult> Results => _results.Values;

    public ScorecardResult? Result(string unitCode) => _results.GetValueOrDefault(unitCode);

    /// <summary>The ranking on one field's (or criterion's) component index.</summary>
    /// <exception cref="KeyNotFoundException">The framework has no such node.</exception>
    public RankingResult ForNode(string code)
    {
        if (!_byNode.TryGetValue(code, out var ranking))
        {
            Framework.Node(code);
            ranking = Ranker.Rank(_results.Values.Select(r => RankCandidate.ForNode(r, code, _excluded.GetValueOrDefault(r.UnitCode))));
            _byNode[code] = ranking;
        }

        return ranking;
    }

    /// <summary>Why the unit is listed apart (e.g. "no scores entered"), or null when it is not.</summary>
    public string? ExcludedReason(string unitCode) => _excluded.GetValueOrDefault(unitCode);

    /// <summary>The unit's overall standing, or null when it is not in the scope.</summary>
    public Standing? StandingOf(string unitCode) =>
        Result(unitCode) is { } result
            ? new Standing(result.UnitCode, result.UnitName, result.Index, result.ClassName, Overall.Find(unitCode)?.Rank)
            : null;
}
